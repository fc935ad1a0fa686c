import type { CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { exitItemOf, type ExitRule, type ExitRuleContext } from '../exit-rule';

/** The item's exit route cannot run until a blocker is resolved (e.g. a backup too large for native export). */
export const routeBlocked: ExitRule = {
  id: 'RouteBlocked',
  info: 'The exit route of this server or database is blocked (see the exit runbook for the blocker).',
  explanation:
    'The council must be able to leave AWS at any time. A blocked route means this item cannot be exported as planned: resolve the blocker named in reports/exit/runbook.md or plan another route.',
  level: NagMessageLevel.WARN,
  evaluate(node: CfnResource, context: ExitRuleContext): NagRuleCompliance {
    const item = exitItemOf(node, context);
    if (!item) return NagRuleCompliance.NOT_APPLICABLE;
    return item.readiness === 'blocked' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

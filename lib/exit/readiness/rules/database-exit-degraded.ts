import type { CfnResource } from 'aws-cdk-lib';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { exitItemOf, type ExitRule, type ExitRuleContext } from '../exit-rule';

/** The database can leave, but with a loss or an extra step (licence stays with AWS, a missing option). */
export const databaseExitDegraded: ExitRule = {
  id: 'DatabaseExitDegraded',
  info: "The database's exit is degraded: its licence stays with AWS, or the export needs an option the instance lacks (see the exit runbook).",
  explanation:
    'Licence-included SQL Server and Oracle leave without their licence; Oracle Data Pump to S3 needs the S3_INTEGRATION option. Each adds cost or work on the exit day.',
  level: NagMessageLevel.WARN,
  evaluate(node: CfnResource, context: ExitRuleContext): NagRuleCompliance {
    if (!(node instanceof CfnDBInstance)) return NagRuleCompliance.NOT_APPLICABLE;
    const item = exitItemOf(node, context);
    if (!item) return NagRuleCompliance.NOT_APPLICABLE;
    return item.blockers.some((b) => b.severity === 'degrades')
      ? NagRuleCompliance.NON_COMPLIANT
      : NagRuleCompliance.COMPLIANT;
  },
};

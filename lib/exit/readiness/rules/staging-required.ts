import type { CfnResource } from 'aws-cdk-lib';
import { CfnInstance } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { exitItemOf, type ExitRule, type ExitRuleContext } from '../exit-rule';

/** The server's volumes are encrypted, so its image export goes through the staging subnet first. */
export const stagingRequired: ExitRule = {
  id: 'StagingRequired',
  info: "The server's EBS volumes are encrypted, which VM Export refuses: its export needs the staging steps (copy to unencrypted volumes in the isolated exit subnet) first.",
  explanation:
    'Encryption at rest is required by policy; the exit pays for it with a staged export. Rehearse the staging steps in the exit runbook so the time and cost estimates hold.',
  level: NagMessageLevel.WARN,
  evaluate(node: CfnResource, context: ExitRuleContext): NagRuleCompliance {
    if (!(node instanceof CfnInstance)) return NagRuleCompliance.NOT_APPLICABLE;
    const item = exitItemOf(node, context);
    if (!item) return NagRuleCompliance.NOT_APPLICABLE;
    return item.route === 'staged-export' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

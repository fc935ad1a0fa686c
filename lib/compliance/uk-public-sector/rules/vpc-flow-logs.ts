import type { CfnResource } from 'aws-cdk-lib';
import { CfnVPC } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { UkRule, UkRuleContext } from '../rule';

/** Every VPC has a flow log. */
export const vpcFlowLogs: UkRule = {
  id: 'VpcFlowLogs',
  info: 'The VPC has no flow log.',
  explanation:
    'Flow logs are the audit record of who talked to what across the migrated network, needed for incident investigation (NCSC principles 13 and 5).',
  level: NagMessageLevel.ERROR,
  ncsc: [13, 5],
  evaluate(node: CfnResource, { index }: UkRuleContext): NagRuleCompliance {
    if (!(node instanceof CfnVPC)) return NagRuleCompliance.NOT_APPLICABLE;
    return index.flowLoggedVpcs.has(node) ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};

import { Stack, Token, type CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { RuleEvaluationError, type UkRule, type UkRuleContext } from '../rule';

/**
 * Billing configuration AWS offers only in one region (us-east-1): the Data Exports export and
 * Cost Anomaly Detection. They hold no data (the export's files land in the estate region), so a
 * resource of these types is accepted in the plan's declared `finance.billingConfigurationRegion`.
 * Nothing else is: a bucket, log group or key there is still outside the allowed regions.
 */
export const BILLING_CONFIGURATION_RESOURCE_TYPES: readonly string[] = [
  'AWS::BCMDataExports::Export',
  'AWS::CE::AnomalyMonitor',
  'AWS::CE::AnomalySubscription',
];

/** Every resource lives in one of the plan's allowed UK regions (data location, NCSC 2.1). */
export const allowedRegion: UkRule = {
  id: 'AllowedRegion',
  info: 'The resource is deployed outside the regions the plan allows.',
  explanation:
    "Council data must stay in the jurisdictions the plan declares (NCSC principle 2.1, physical location and legal jurisdiction). Stacks must name an explicit region from estate.allowedRegions; only billing configuration that holds no data (the Data Exports export, Cost Anomaly Detection) may live in the plan's finance.billingConfigurationRegion, where AWS offers it.",
  level: NagMessageLevel.ERROR,
  ncsc: [2],
  evaluate(node: CfnResource, { facts }: UkRuleContext): NagRuleCompliance {
    const region = Stack.of(node).region;
    if (Token.isUnresolved(region)) {
      throw new RuleEvaluationError(
        `stack ${Stack.of(node).node.path} has no explicit region (environment-agnostic)`,
      );
    }
    if (facts.allowedRegions.includes(region)) return NagRuleCompliance.COMPLIANT;
    const billingConfiguration =
      facts.billingConfigurationRegion === region &&
      BILLING_CONFIGURATION_RESOURCE_TYPES.includes(node.cfnResourceType);
    return billingConfiguration ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};

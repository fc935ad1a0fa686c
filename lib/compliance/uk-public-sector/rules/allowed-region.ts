import { Stack, Token, type CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { RuleEvaluationError, type UkRule, type UkRuleContext } from '../rule';

/**
 * Resource types that hold no council data and may sit in the plan's declared billing region
 * (budgets, cost anomaly detection, data export definitions, the roles, keys and topics that
 * serve them). A bucket, database, volume or log group there is still a finding.
 */
export const BILLING_STACK_TYPES: readonly string[] = [
  'AWS::Budgets::',
  'AWS::CE::',
  'AWS::BCMDataExports::',
  'AWS::CUR::',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::SNS::Topic',
  'AWS::SNS::TopicPolicy',
  'AWS::SNS::Subscription',
  'AWS::KMS::Key',
  'AWS::KMS::Alias',
];

function holdsNoData(node: CfnResource): boolean {
  return BILLING_STACK_TYPES.some((t) =>
    t.endsWith('::') ? node.cfnResourceType.startsWith(t) : node.cfnResourceType === t,
  );
}

/**
 * Every resource lives in one of the plan's allowed UK regions (data location, NCSC 2.1); the one
 * exception is billing configuration in the plan's declared `billingRegion`, holding no data.
 */
export const allowedRegion: UkRule = {
  id: 'AllowedRegion',
  info: 'The resource is deployed outside the regions the plan allows.',
  explanation:
    'Council data must stay in the jurisdictions the plan declares (NCSC principle 2.1, physical location and legal jurisdiction). Stacks must name an explicit region from estate.allowedRegions.',
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
    return region === facts.billingRegion && holdsNoData(node)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
};

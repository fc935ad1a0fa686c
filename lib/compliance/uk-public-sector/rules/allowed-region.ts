import { Stack, Token, type CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { RuleEvaluationError, type UkRule, type UkRuleContext } from '../rule';

/** Every resource lives in one of the plan's allowed UK regions (data location, NCSC 2.1). */
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
    return facts.allowedRegions.includes(region)
      ? NagRuleCompliance.COMPLIANT
      : NagRuleCompliance.NON_COMPLIANT;
  },
};

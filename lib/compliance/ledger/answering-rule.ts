import { NagRuleCompliance, type IApplyRule } from 'cdk-nag';

/**
 * A rule's raw outcome on one resource: a cdk-nag result (`Compliant`, `Non-Compliant`,
 * `N/A`, or the finding ids of a rule that returns several), or the message of a rule that threw.
 */
export type RuleOutcome = string | readonly string[] | { readonly error: string } | undefined;

const NOT_APPLICABLE_RULE = () => NagRuleCompliance.NOT_APPLICABLE;
const COMPLIANT_RULE = () => NagRuleCompliance.COMPLIANT;
const NON_COMPLIANT_RULE = () => NagRuleCompliance.NON_COMPLIANT;

/**
 * A rule that gives `outcome` as it was first given: its result, or the same error thrown again
 * (`undefined`: not applicable). The three plain results are shared functions, so answering the
 * millions of rule applications of a large estate creates no closure for them.
 */
export function answering(outcome: RuleOutcome): IApplyRule['rule'] {
  if (outcome === undefined || outcome === NagRuleCompliance.NOT_APPLICABLE) return NOT_APPLICABLE_RULE;
  if (outcome === NagRuleCompliance.COMPLIANT) return COMPLIANT_RULE;
  if (outcome === NagRuleCompliance.NON_COMPLIANT) return NON_COMPLIANT_RULE;
  if (typeof outcome === 'string') return () => outcome as NagRuleCompliance;
  if (Array.isArray(outcome)) return () => [...(outcome as string[])];
  const message = (outcome as { error: string }).error;
  return () => {
    throw new Error(message);
  };
}

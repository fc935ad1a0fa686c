import type { Rule } from '../../shared/rule-pack';
import type { NcscPrinciple } from '../ncsc-principles';
import type { AppIndex } from './private/app-index';

export { RuleEvaluationError } from './rule-evaluation-error';

/** Plan facts the UK rules need; given to the pack's constructor. */
export interface UkPublicSectorFacts {
  /** Regions any resource may be deployed to (the plan's `estate.allowedRegions`). */
  readonly allowedRegions: readonly string[];
  /** Region of the plan's billing-configuration stack (`finance.billingConfigurationRegion`), if any. */
  readonly billingConfigurationRegion?: string;
  /** Tags every taggable resource must carry. */
  readonly requiredTags: readonly string[];
  /** Allowed values of the DataClassification tag (Government Security Classifications). */
  readonly dataClassifications: readonly string[];
  /** Allowed values of the Environment tag. */
  readonly environments: readonly string[];
  /** The tag the estate's backup plans select on. */
  readonly backupTagKey: string;
}

/** What a UK rule sees: the resource, the plan facts and an index of the whole app. */
export interface UkRuleContext {
  readonly facts: UkPublicSectorFacts;
  readonly index: AppIndex;
}

/**
 * One UK public-sector rule: a pure function from a resource to compliant / non-compliant /
 * not applicable (the estate's one rule shape, lib/shared/rule-pack.ts). It throws
 * `RuleEvaluationError` when it cannot decide (an unresolvable token where a literal is needed);
 * cdk-nag then reports an error, never a pass.
 */
export interface UkRule extends Rule<UkRuleContext> {
  /** NCSC Cloud Security Principles this rule evidences. */
  readonly ncsc: readonly NcscPrinciple[];
}

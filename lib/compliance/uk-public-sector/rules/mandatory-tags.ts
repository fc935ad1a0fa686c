import { TagManager, type CfnResource } from 'aws-cdk-lib';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { UkRule, UkRuleContext } from '../rule';

/** The tags a resource carries once synthesized (Tags.of aspects have run by validation time). */
export function tagsOf(node: CfnResource): Record<string, string> | undefined {
  const manager = TagManager.of(node);
  return manager ? manager.tagValues() : undefined;
}

/**
 * Every taggable resource carries the mandatory tags, and DataClassification is one of the
 * Government Security Classifications in use.
 */
export const mandatoryTags: UkRule = {
  id: 'MandatoryTags',
  info: 'The resource is missing a mandatory tag or has a DataClassification outside the Government Security Classifications.',
  explanation:
    'Estate, Application, MigrationWave, CostCentre, DataClassification, BackupTier and Environment tags drive cost allocation, backup selection and data handling; DataClassification must be a Government Security Classification (NCSC principle 4, governance).',
  level: NagMessageLevel.ERROR,
  ncsc: [4],
  evaluate(node: CfnResource, { facts }: UkRuleContext): NagRuleCompliance {
    const tags = tagsOf(node);
    if (!tags) return NagRuleCompliance.NOT_APPLICABLE;
    for (const key of facts.requiredTags) if (!tags[key]) return NagRuleCompliance.NON_COMPLIANT;
    const classification = tags.DataClassification;
    if (classification !== undefined && !facts.dataClassifications.includes(classification))
      return NagRuleCompliance.NON_COMPLIANT;
    const environment = tags.Environment;
    if (environment !== undefined && !facts.environments.includes(environment))
      return NagRuleCompliance.NON_COMPLIANT;
    return NagRuleCompliance.COMPLIANT;
  },
};

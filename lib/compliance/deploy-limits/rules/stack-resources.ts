import type { LimitRule } from '../limit-rule';

/** AWS CloudFormation User Guide, "CloudFormation quotas": 500 resources per stack. */
export const STACK_RESOURCES = 500;

/** A template with at most 500 resources. */
export const stackResources: LimitRule = {
  id: 'StackResources',
  info: 'A stack has more resources than CloudFormation accepts.',
  source: `AWS CloudFormation User Guide, CloudFormation quotas: ${STACK_RESOURCES} resources per stack`,
  evaluate(templates) {
    return templates
      .map((t) => ({ t, n: Object.keys(t.template.Resources ?? {}).length }))
      .filter(({ n }) => n > STACK_RESOURCES)
      .map(({ t, n }) => ({
        templatePath: t.templatePath,
        measured: `${n} resources (limit ${STACK_RESOURCES})`,
      }));
  },
};

import type { LimitRule } from '../limit-rule';

/** AWS CloudFormation User Guide, "CloudFormation quotas": 200 outputs per stack. */
export const STACK_OUTPUTS = 200;

/** A template with at most 200 outputs (cross-stack references are outputs too). */
export const stackOutputs: LimitRule = {
  id: 'StackOutputs',
  info: 'A stack has more outputs than CloudFormation accepts.',
  source: `AWS CloudFormation User Guide, CloudFormation quotas: ${STACK_OUTPUTS} outputs per stack`,
  evaluate(templates) {
    return templates
      .map((t) => ({ t, n: Object.keys(t.template.Outputs ?? {}).length }))
      .filter(({ n }) => n > STACK_OUTPUTS)
      .map(({ t, n }) => ({
        templatePath: t.templatePath,
        measured: `${n} outputs (limit ${STACK_OUTPUTS})`,
      }));
  },
};

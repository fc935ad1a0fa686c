import { renderedLength } from '../private/rendered-size';
import { resourcesOfType, type LimitRule } from '../limit-rule';

/** IAM User Guide, "IAM and AWS STS quotas": role policy size 10,240 characters, all inline policies of a role together. */
export const INLINE_ROLE_POLICY_CHARACTERS = 10240;

/** All inline policies of one role (its `Policies` and every `AWS::IAM::Policy` naming it), resolved, within 10,240 characters. */
export const inlineRolePolicySize: LimitRule = {
  id: 'InlineRolePolicySize',
  info: "A role's inline policies together are larger than IAM accepts.",
  source: `IAM User Guide, IAM and AWS STS quotas: role policy size ${INLINE_ROLE_POLICY_CHARACTERS} characters for all inline policies of a role, white space not counted`,
  evaluate(templates) {
    return templates.flatMap((t) => {
      const sizes = new Map<string, number>();
      const add = (role: string, n: number) => sizes.set(role, (sizes.get(role) ?? 0) + n);
      for (const { logicalId, properties } of resourcesOfType(t, 'AWS::IAM::Role')) {
        const policies = Array.isArray(properties.Policies)
          ? (properties.Policies as { PolicyName?: unknown; PolicyDocument?: unknown }[])
          : [];
        add(
          logicalId,
          policies.reduce(
            (s, p) => s + renderedLength(p.PolicyName ?? '') + renderedLength(p.PolicyDocument),
            0,
          ),
        );
      }
      for (const { properties } of resourcesOfType(t, 'AWS::IAM::Policy')) {
        const n = renderedLength(properties.PolicyName ?? '') + renderedLength(properties.PolicyDocument);
        for (const role of Array.isArray(properties.Roles) ? properties.Roles : []) {
          const ref = (role as { Ref?: unknown }).Ref;
          add(typeof ref === 'string' ? ref : JSON.stringify(role), n);
        }
      }
      return [...sizes]
        .filter(([, n]) => n > INLINE_ROLE_POLICY_CHARACTERS)
        .map(([logicalId, n]) => ({
          templatePath: t.templatePath,
          logicalId,
          measured: `about ${n} characters of inline policies (limit ${INLINE_ROLE_POLICY_CHARACTERS})`,
        }));
    });
  },
};

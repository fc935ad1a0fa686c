import { renderedLength } from '../private/rendered-size';
import { resourcesOfType, type LimitRule } from '../limit-rule';

/** IAM User Guide, "IAM and AWS STS quotas": managed policy size 6,144 characters (white space not counted). */
export const MANAGED_POLICY_CHARACTERS = 6144;

/** A customer-managed policy's document, resolved, within 6,144 characters. */
export const managedPolicySize: LimitRule = {
  id: 'ManagedPolicySize',
  info: 'A customer-managed IAM policy is larger than IAM accepts.',
  source: `IAM User Guide, IAM and AWS STS quotas: managed policy size ${MANAGED_POLICY_CHARACTERS} characters, white space not counted`,
  evaluate(templates) {
    return templates.flatMap((t) =>
      resourcesOfType(t, 'AWS::IAM::ManagedPolicy').flatMap(({ logicalId, properties }) => {
        const n = renderedLength(properties.PolicyDocument);
        return n > MANAGED_POLICY_CHARACTERS
          ? [
              {
                templatePath: t.templatePath,
                logicalId,
                measured: `about ${n} characters (limit ${MANAGED_POLICY_CHARACTERS})`,
              },
            ]
          : [];
      }),
    );
  },
};

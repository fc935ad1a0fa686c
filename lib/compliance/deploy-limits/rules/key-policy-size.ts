import { renderedBytes } from '../private/rendered-size';
import { resourcesOfType, type LimitRule } from '../limit-rule';

/** AWS KMS Developer Guide, "Resource quotas": key policy document size 32 KB (32,768 bytes). */
export const KEY_POLICY_BYTES = 32768;

/** A KMS key policy, resolved, within 32 KB. */
export const keyPolicySize: LimitRule = {
  id: 'KeyPolicySize',
  info: 'A KMS key policy is larger than AWS KMS accepts.',
  source: `AWS KMS Developer Guide, Resource quotas: key policy document size 32 KB (${KEY_POLICY_BYTES} bytes)`,
  evaluate(templates) {
    return templates.flatMap((t) =>
      resourcesOfType(t, 'AWS::KMS::Key').flatMap(({ logicalId, properties }) => {
        const n = renderedBytes(properties.KeyPolicy);
        return n > KEY_POLICY_BYTES
          ? [
              {
                templatePath: t.templatePath,
                logicalId,
                measured: `about ${n} bytes (limit ${KEY_POLICY_BYTES})`,
              },
            ]
          : [];
      }),
    );
  },
};

import { renderedBytes } from '../private/rendered-size';
import { resourcesOfType, type LimitRule } from '../limit-rule';

/** AWS Lambda Developer Guide, "Lambda quotas": function environment variables 4 KB in aggregate. */
export const LAMBDA_ENVIRONMENT_BYTES = 4096;

/** A function's environment variables (names and values), resolved, within 4 KB. */
export const lambdaEnvironmentSize: LimitRule = {
  id: 'LambdaEnvironmentSize',
  info: "A Lambda function's environment variables are larger than Lambda accepts.",
  source: `AWS Lambda Developer Guide, Lambda quotas: function environment variables 4 KB (${LAMBDA_ENVIRONMENT_BYTES} bytes) in aggregate`,
  evaluate(templates) {
    return templates.flatMap((t) =>
      resourcesOfType(t, 'AWS::Lambda::Function').flatMap(({ logicalId, properties }) => {
        const vars =
          (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
        const n = Object.entries(vars).reduce((s, [k, v]) => s + Buffer.byteLength(k) + renderedBytes(v), 0);
        return n > LAMBDA_ENVIRONMENT_BYTES
          ? [
              {
                templatePath: t.templatePath,
                logicalId,
                measured: `about ${n} bytes (limit ${LAMBDA_ENVIRONMENT_BYTES})`,
              },
            ]
          : [];
      }),
    );
  },
};

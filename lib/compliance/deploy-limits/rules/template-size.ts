import type { LimitRule } from '../limit-rule';

/**
 * AWS CloudFormation User Guide, "CloudFormation quotas": template body size 1 MB in an Amazon S3
 * object, 51,200 bytes in a request. The CDK CLI uploads every template over 50 KiB to the
 * bootstrap bucket and passes its URL, so the 1 MB limit is the one that applies.
 */
export const TEMPLATE_BYTES = 1024 * 1024;

/** A template within 1 MB. */
export const templateSize: LimitRule = {
  id: 'TemplateSize',
  info: 'A template is larger than CloudFormation accepts.',
  source: `AWS CloudFormation User Guide, CloudFormation quotas: template body size 1 MB (${TEMPLATE_BYTES} bytes) from Amazon S3, where the CDK CLI puts templates over 51,200 bytes`,
  evaluate(templates) {
    return templates
      .filter((t) => t.bytes > TEMPLATE_BYTES)
      .map((t) => ({ templatePath: t.templatePath, measured: `${t.bytes} bytes (limit ${TEMPLATE_BYTES})` }));
  },
};

import type { CfnResource } from 'aws-cdk-lib';
import { CfnInstance } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { exitItemOf, type ExitRule, type ExitRuleContext } from '../exit-rule';

/** The server's image cannot be exported (licence-bound, unsupported OS, volume over 1 TiB): only its data leaves. */
export const imageNotExportable: ExitRule = {
  id: 'ImageNotExportable',
  info: "The server's image cannot leave AWS (licence-included or AWS-provided image, unsupported OS, or a volume over 1 TiB): only its data can, and the OS is rebuilt on the target.",
  explanation:
    'VM Import/Export refuses images with AWS-provided Windows, SQL Server, RHEL or Marketplace software and volumes over 1 TiB. Bring-your-own licensing through MGN or VM Import keeps the image portable.',
  level: NagMessageLevel.WARN,
  evaluate(node: CfnResource, context: ExitRuleContext): NagRuleCompliance {
    if (!(node instanceof CfnInstance)) return NagRuleCompliance.NOT_APPLICABLE;
    const item = exitItemOf(node, context);
    if (!item) return NagRuleCompliance.NOT_APPLICABLE;
    return item.route === 'data-export' ? NagRuleCompliance.NON_COMPLIANT : NagRuleCompliance.COMPLIANT;
  },
};

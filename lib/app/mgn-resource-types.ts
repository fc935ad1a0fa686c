import { CfnResource } from 'aws-cdk-lib';
import { acknowledge } from '../compliance/acknowledge';
import type { IConstruct } from 'constructs';

/** The template-validation rule that reports a resource type it has no schema for. */
export const UNKNOWN_RESOURCE_TYPE_RULE = 'CloudFormation-Validate::F3006';

/**
 * Product decision, made once: aws-cdk-lib 2.276's built-in template validation (cloudformation
 * validate 1.14.0) has no schema for AWS::MGN::Application, AWS::MGN::Wave and
 * AWS::MGN::ReplicationConfigurationTemplate in any region, and lists
 * AWS::MGN::LaunchConfigurationTemplate for us-east-1 but "does not exist in eu-west-2". Measured
 * with a one-stack app: all four are reported as F3006 in eu-west-2 and eu-west-1, three in us-east-1.
 * Its data is stale, not the types: all four are CloudFormation resource types, documented in the
 * CloudFormation template reference
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-mgn-replicationconfigurationtemplate.html
 * and the sibling aws-resource-mgn-launchconfigurationtemplate / -application / -wave pages), from
 * whose registry schemas aws-cdk-lib itself generates CfnReplicationConfigurationTemplate,
 * CfnLaunchConfigurationTemplate, CfnApplication and CfnWave; and MGN has a regional endpoint in
 * Europe (London), mgn.eu-west-2.amazonaws.com (https://docs.aws.amazon.com/general/latest/gr/mgn.html).
 * So the rule is acknowledged on the AWS::MGN::* resources only (never stack- or app-wide): the
 * validator still checks every other resource, and F3006 on any other type still fails synth.
 * Like lib/app/pinned-zones.ts it is a product decision in the composition, not a register
 * entry: it must hold for every synth (`cdk synth`, tests), not only where the registers are
 * applied, because F3006 is an error that fails synth.
 */
export function acknowledgeMgnResourceTypes(scope: IConstruct): void {
  const mgnResources = scope.node
    .findAll()
    .filter((c) => c instanceof CfnResource && c.cfnResourceType.startsWith('AWS::MGN::'));
  for (const resource of mgnResources) {
    acknowledge(resource, {
      id: UNKNOWN_RESOURCE_TYPE_RULE,
      reason:
        "The AWS::MGN types are CloudFormation resource types (CloudFormation template reference, aws-resource-mgn-*; MGN's eu-west-2 endpoint is in the AWS General Reference) missing from aws-cdk-lib 2.276's validator data.",
    });
  }
}

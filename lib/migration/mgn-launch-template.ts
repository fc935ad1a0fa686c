import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';

/** Properties of an {@link MgnLaunchTemplate}. */
export interface MgnLaunchTemplateProps {
  /**
   * Bring-your-own OS licences by default (each server's own setting is applied by `migrate
   * configure` from its `licence`).
   * @default false (AWS licence included)
   */
  readonly osByol?: boolean;
}

/** SSM documents run after each test and cut-over launch. */
const POST_LAUNCH_ACTIONS = [
  {
    actionName: 'InstallCloudWatchAgent',
    ssmDocumentName: 'AWS-ConfigureAWSPackage',
    mustSucceedForCutover: true,
    timeoutSeconds: 600,
    parameters: {
      action: [{ parameterName: 'Install', parameterType: 'STRING' }],
      name: [{ parameterName: 'AmazonCloudWatchAgent', parameterType: 'STRING' }],
    },
  },
  {
    actionName: 'UpdateSsmAgent',
    ssmDocumentName: 'AWS-UpdateSSMAgent',
    mustSucceedForCutover: true,
    timeoutSeconds: 600,
  },
];

/**
 * `AWS::MGN::LaunchConfigurationTemplate`: the defaults every source server's launch settings start
 * from. AWS right-sizing is off (the plan decides the instance type), tags are copied from the
 * source server (they select the backup plan), private IPs are not copied (the landing zone's
 * subnets decide), boot mode follows the source, and post-launch actions install the CloudWatch
 * agent and update the SSM agent on test and cut-over launches.
 */
export class MgnLaunchTemplate extends Construct {
  readonly template: mgn.CfnLaunchConfigurationTemplate;

  constructor(scope: Construct, id: string, props: MgnLaunchTemplateProps = {}) {
    super(scope, id);
    this.template = new mgn.CfnLaunchConfigurationTemplate(this, 'Template', {
      bootMode: 'USE_SOURCE',
      copyPrivateIp: false,
      copyTags: true,
      enableMapAutoTagging: false,
      launchDisposition: 'STARTED',
      licensing: { osByol: props.osByol ?? false },
      targetInstanceTypeRightSizingMethod: 'NONE',
      associatePublicIpAddress: false,
      postLaunchActions: {
        deployment: 'TEST_AND_CUTOVER',
        ssmDocuments: POST_LAUNCH_ACTIONS,
      },
    });
  }
}

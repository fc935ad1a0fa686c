import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';
import { MgnPostLaunchActions } from './mgn-post-launch-actions';

/** Properties of an {@link MgnLaunchTemplate}. */
export interface MgnLaunchTemplateProps {
  /**
   * Bring-your-own OS licences by default (each server's own setting is applied by `migrate
   * configure` from its `licence`).
   * @default false (AWS licence included)
   */
  readonly osByol?: boolean;
  /** Estate id: names the Parameter Store parameters the post-launch actions read. */
  readonly estateId: string;
}

/**
 * `AWS::MGN::LaunchConfigurationTemplate`: the defaults every source server's launch settings start
 * from. AWS right-sizing is off (the plan decides the instance type), tags are copied from the
 * source server (they select the backup plan), private IPs are not copied (the landing zone's
 * subnets decide), boot mode follows the source, and post-launch actions install the CloudWatch
 * agent and update the SSM agent on test and cut-over launches (mgn-post-launch-actions.ts: every
 * parameter they name is a Parameter Store parameter created here).
 */
export class MgnLaunchTemplate extends Construct {
  readonly template: mgn.CfnLaunchConfigurationTemplate;
  readonly postLaunch: MgnPostLaunchActions;

  constructor(scope: Construct, id: string, props: MgnLaunchTemplateProps) {
    super(scope, id);
    this.postLaunch = new MgnPostLaunchActions(this, 'PostLaunch', { estateId: props.estateId });
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
        ssmDocuments: this.postLaunch.ssmDocuments,
      },
    });
  }
}

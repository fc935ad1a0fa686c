import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import {
  ApplicationSecurityGroups,
  itemsWithoutLandingZone,
  WITHOUT_LANDING_ZONE_METADATA,
} from '../lib/compute';
import type { EstateModel } from '../lib/estate-model';
import type { Plan } from '../lib/plan/plan';
import { applyTags, sharedTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface WaveAccessStackProps {
  readonly plan: Plan;
  /** The estate model of `plan`: which items get no resources (recorded for the synth summary). */
  readonly model: EstateModel;
  readonly vpc: ec2.IVpc;
  /** The interface endpoints' security group (HTTPS egress to it). @default - none */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /** The region's S3 managed prefix list (HTTPS egress to it). @default - none */
  readonly s3PrefixListId?: string;
  /**
   * The workload account (estate model): only its applications get groups here, with rules from
   * its own servers' flows. The production account's stack also records the items that get no
   * resources. @default - the production account, every application
   */
  readonly account?: WorkloadAccount;
}

/**
 * One security group per application, with every application-to-application and on-premises rule
 * from the plan's flows. Kept in one stack, so rules between applications in different waves never
 * need a cross-stack reference; each wave stack imports only its own application's group id.
 */
export class WaveAccessStack extends EstateStack {
  readonly groups: ApplicationSecurityGroups;

  constructor(scope: Construct, props: WaveAccessStackProps) {
    const { account } = props;
    super(scope, {
      plan: props.plan,
      ...workloadStackProps(account, 'Access'),
      description: `${props.plan.estate.name}: security groups per application, from the plan's declared flows`,
    });
    applyTags(this, account?.sharedTags ?? sharedTags(props.plan));
    // Servers and databases that get no resources, for the synth summary (they are in no wave
    // stack); recorded once, in the production account's access stack.
    if (account === undefined || account.role === 'production') {
      this.templateOptions.metadata = {
        [WITHOUT_LANDING_ZONE_METADATA]: itemsWithoutLandingZone(props.model),
      };
    }
    const applications = account
      ? props.plan.applications.filter((a) => account.applications.includes(a.id))
      : props.plan.applications;
    this.groups = new ApplicationSecurityGroups(this, 'Applications', {
      plan: props.plan,
      vpc: props.vpc,
      endpointSecurityGroup: props.endpointSecurityGroup,
      s3PrefixListId: props.s3PrefixListId,
      ...(account ? { applications: account.applications, vpcCidr: account.vpcCidr } : {}),
    });
    for (const app of applications) {
      applyTags(this.groups.groupFor(app.id), {
        ...sharedTags(props.plan),
        Application: app.id,
        CostCentre: app.costCentre,
        DataClassification: app.dataClassification,
        Environment: app.environment,
      });
    }
  }
}

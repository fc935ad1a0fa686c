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
import { EstateStack } from './private/estate-stack';

export interface WaveAccessStackProps {
  readonly plan: Plan;
  /** The estate model of `plan`: which items get no resources (recorded for the synth summary). */
  readonly model: EstateModel;
  readonly vpc: ec2.IVpc;
  /** The interface endpoints' security group (HTTPS egress to it). @default - none */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /** The region's S3 managed prefix list (HTTPS egress to it). @default - none */
  readonly s3PrefixListId?: string;
}

/**
 * One security group per application, with every application-to-application and on-premises rule
 * from the plan's flows. Kept in one stack, so rules between applications in different waves never
 * need a cross-stack reference; each wave stack imports only its own application's group id.
 */
export class WaveAccessStack extends EstateStack {
  readonly groups: ApplicationSecurityGroups;

  constructor(scope: Construct, props: WaveAccessStackProps) {
    super(scope, {
      plan: props.plan,
      role: 'Access',
      description: `${props.plan.estate.name}: security groups per application, from the plan's declared flows`,
    });
    applyTags(this, sharedTags(props.plan));
    // Servers and databases that get no resources, for the synth summary (they are in no wave stack).
    this.templateOptions.metadata = { [WITHOUT_LANDING_ZONE_METADATA]: itemsWithoutLandingZone(props.model) };
    this.groups = new ApplicationSecurityGroups(this, 'Applications', {
      plan: props.plan,
      vpc: props.vpc,
      endpointSecurityGroup: props.endpointSecurityGroup,
      s3PrefixListId: props.s3PrefixListId,
    });
    for (const app of props.plan.applications) {
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

import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { constructIdFor } from '../lib/shared/naming';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { MigratedServer, ServerRole, subnetInZone } from '../lib/compute';
import { DatabaseFoundation, MigratedDatabase } from '../lib/database';
import {
  databaseDecision,
  serverDecision,
  tagsForApplication,
  type EstateModel,
  type WaveStackModel,
} from '../lib/estate-model';
import type { OnPremisesRange } from '../lib/plan/schema';
import type {
  DeepReadonly,
  Plan,
  PlanApplication,
  PlanDatabase,
  PlanServer,
  PlanWave,
} from '../lib/plan/plan';
import { applyTags } from '../lib/tagging';
import { EstateStack } from './private/estate-stack';

export interface WaveStackProps {
  readonly plan: Plan;
  /** Every decision (type, zone, Multi-AZ, image, tags) comes from the estate model. */
  readonly model: EstateModel;
  /** What this stack holds (one application in one wave, or a shard of it), from the model. */
  readonly stack: WaveStackModel;
  readonly wave: PlanWave;
  readonly application: PlanApplication;
  /** The plan's entries for `stack.servers`, in the same order. */
  readonly servers: readonly PlanServer[];
  /** The plan's entries for `stack.databases`, in the same order. */
  readonly databases: readonly PlanDatabase[];
  readonly network: LandingZoneNetwork;
  readonly keys: KeyProvider;
  /** The application's server security group (from the access stack). */
  readonly applicationSecurityGroup: ec2.ISecurityGroup;
  /** On-premises admin ranges admitted to database ports. */
  readonly adminRanges: readonly DeepReadonly<OnPremisesRange>[];
}

/**
 * The landing zone of one application in one migration wave: its EC2 servers and RDS databases.
 * Stateful (databases), so termination-protected. Depends on the keys, network, access and backup
 * stacks and, for deployment order, on the previous wave's stacks.
 */
export class WaveStack extends EstateStack {
  readonly servers: readonly MigratedServer[];
  readonly databases: readonly MigratedDatabase[];

  constructor(scope: Construct, props: WaveStackProps) {
    const { plan, model, wave, application } = props;
    super(scope, {
      plan,
      role: props.stack.role,
      description: `${plan.estate.name}: wave ${wave.order} (${wave.name}) landing zone for ${application.name}`,
      stateful: true,
    });
    applyTags(this, tagsForApplication(plan, application, wave));
    const classification = application.dataClassification;

    const servers: MigratedServer[] = [];
    if (props.servers.length > 0) {
      const { instanceProfile } = new ServerRole(this, 'ServerRole');
      const subnets = props.network.vpc.selectSubnets(props.network.serverSubnets).subnets;
      const ebsKey = props.keys.keyFor('ebs', classification);
      for (const server of props.servers) {
        const decided = serverDecision(model, server.id);
        const migrated = new MigratedServer(this, constructIdFor(server.id), {
          server,
          application,
          instanceType: decided.size.instanceType,
          image: decided.image,
          vpc: props.network.vpc,
          subnet: subnetInZone(subnets, decided.placement.availabilityZone, server.id),
          securityGroup: props.applicationSecurityGroup,
          instanceProfile,
          ebsKey,
        });
        applyTags(migrated, decided.tags);
        servers.push(migrated);
      }
    }
    this.servers = servers;

    const databases: MigratedDatabase[] = [];
    if (props.databases.length > 0) {
      const foundation = new DatabaseFoundation(this, 'Databases', {
        network: props.network,
        storageKey: props.keys.keyFor('rds', classification),
      });
      for (const database of props.databases) {
        const decided = databaseDecision(model, database.id);
        const migrated = new MigratedDatabase(this, constructIdFor(database.id), {
          estateId: plan.estate.id,
          database,
          application,
          instanceClass: decided.size.instanceClass,
          multiAz: decided.highAvailability.multiAz,
          foundation,
          applicationSecurityGroup: props.applicationSecurityGroup,
          adminRanges: props.adminRanges.filter((r) => r.purpose === 'admin'),
          storageKey: props.keys.keyFor('rds', classification),
          secretKey: props.keys.keyFor('secrets', classification),
          logKey: props.keys.keyFor('logs', classification),
        });
        applyTags(migrated, decided.tags);
        databases.push(migrated);
      }
    }
    this.databases = databases;
  }
}

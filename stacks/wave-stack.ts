import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { constructIdFor, pascalCase } from '../lib/shared/naming';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { MigratedServer, placeServer, ServerRole, type LandingZoneSizing } from '../lib/compute';
import { DatabaseFoundation, MigratedDatabase } from '../lib/database';
import type { OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly } from '../lib/plan/plan';
import { applyTags, tagsForApplication, tagsForDatabase, tagsForServer } from '../lib/tagging';
import { EstateStack } from './private/estate-stack';
import type { Plan } from '../lib/plan/plan';
import type { WaveStackAssignment } from './wave-assignment';

export interface WaveStackProps {
  readonly plan: Plan;
  /** What this stack holds (one application in one wave, or a shard of it). */
  readonly assignment: WaveStackAssignment;
  readonly network: LandingZoneNetwork;
  readonly keys: KeyProvider;
  /** The application's server security group (from the access stack). */
  readonly applicationSecurityGroup: ec2.ISecurityGroup;
  /** On-premises admin ranges admitted to database ports. */
  readonly adminRanges: readonly DeepReadonly<OnPremisesRange>[];
  readonly sizing: LandingZoneSizing;
}

/** `Wave01-Pilot-Revenues`, with `-Part2` etc. for shards after the first. */
export function waveStackRole(assignment: WaveStackAssignment): string {
  const order = String(assignment.wave.order).padStart(2, '0');
  const part = assignment.shard === 0 ? '' : `-Part${assignment.shard + 1}`;
  return `Wave${order}-${pascalCase(assignment.wave.id)}-${pascalCase(assignment.application.id)}${part}`;
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
    const { plan, assignment } = props;
    const { wave, application } = assignment;
    super(scope, {
      plan,
      role: waveStackRole(assignment),
      description: `${plan.estate.name}: wave ${wave.order} (${wave.name}) landing zone for ${application.name}`,
      stateful: true,
    });
    applyTags(this, tagsForApplication(plan, application, wave));
    const classification = application.dataClassification;

    const servers: MigratedServer[] = [];
    if (assignment.servers.length > 0) {
      const { instanceProfile } = new ServerRole(this, 'ServerRole');
      const subnets = props.network.vpc.selectSubnets(props.network.serverSubnets).subnets;
      const ebsKey = props.keys.keyFor('ebs', classification);
      for (const server of assignment.servers) {
        const sized = props.sizing.server(server, application);
        const migrated = new MigratedServer(this, constructIdFor(server.id), {
          server,
          application,
          instanceType: sized.instanceType,
          vpc: props.network.vpc,
          subnet: placeServer(server, subnets),
          securityGroup: props.applicationSecurityGroup,
          instanceProfile,
          ebsKey,
        });
        applyTags(migrated, tagsForServer(plan, server));
        servers.push(migrated);
      }
    }
    this.servers = servers;

    const databases: MigratedDatabase[] = [];
    if (assignment.databases.length > 0) {
      const foundation = new DatabaseFoundation(this, 'Databases', {
        network: props.network,
        storageKey: props.keys.keyFor('rds', classification),
      });
      for (const database of assignment.databases) {
        const sized = props.sizing.database(database, application);
        const migrated = new MigratedDatabase(this, constructIdFor(database.id), {
          estateId: plan.estate.id,
          database,
          application,
          instanceClass: sized.instanceClass,
          foundation,
          applicationSecurityGroup: props.applicationSecurityGroup,
          adminRanges: props.adminRanges.filter((r) => r.purpose === 'admin'),
          storageKey: props.keys.keyFor('rds', classification),
          secretKey: props.keys.keyFor('secrets', classification),
          logKey: props.keys.keyFor('logs', classification),
        });
        applyTags(migrated, tagsForDatabase(plan, database));
        databases.push(migrated);
      }
    }
    this.databases = databases;
  }
}

import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { constructIdFor, pascalCase } from '../lib/shared/naming';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { databaseEntry, serverEntry } from '../lib/estate-model/routes/entry-route';
import { licensingFor } from '../lib/compute/licensing';
import { MgnServerLanding } from '../lib/migration/mgn-server-landing';
import { DmsReplication, dmsSubnetGroup } from '../lib/migration/dms-replication';
import type * as dms from 'aws-cdk-lib/aws-dms';
import { pinnedImage } from '../lib/plan/image-lock';
import {
  MigratedServer,
  placeServer,
  ServerRole,
  VssComponents,
  type LandingZoneSizing,
} from '../lib/compute';
import { DatabaseFoundation, MigratedDatabase, serverLogRetentionFor } from '../lib/database';
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
  /**
   * On-premises ranges the source databases live in (DMS connects to them).
   * @default - none: `dms` databases then get no source route
   */
  readonly sourceRanges?: readonly DeepReadonly<OnPremisesRange>[];
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
  /** Servers that move with AWS MGN: no instance is created for them here. */
  readonly mgnServers: readonly MgnServerLanding[];
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
    const mgnServers: MgnServerLanding[] = [];
    /** Per entry of `servers`: whether it runs Windows (VSS components go to those). */
    const windowsServers: boolean[] = [];
    if (assignment.servers.length > 0) {
      const { instanceProfile } = new ServerRole(this, 'ServerRole', {
        logKey: props.keys.keyFor('logs', classification),
        // Server logs are the hosts' audit trail: at least a year, longer where the data needs it.
        logRetention: serverLogRetentionFor(application.tier, classification),
        metricsNamespace: `Estate/${plan.estate.id}`,
        windowsVss: assignment.servers.some((s) => s.os.family === 'windows'),
      });
      const subnets = props.network.vpc.selectSubnets(props.network.serverSubnets).subnets;
      const ebsKey = props.keys.keyFor('ebs', classification);
      for (const server of assignment.servers) {
        if (serverEntry(server).route === 'mgn') {
          const landing = new MgnServerLanding(this, constructIdFor(server.id), {
            server,
            adopted: plan.adopted.find((a) => a.server === server.id),
            tenancy: licensingFor(server).tenancy,
          });
          applyTags(landing, tagsForServer(plan, server));
          mgnServers.push(landing);
          continue;
        }
        const base = server.image && 'baseImage' in server.image ? server.image.baseImage : undefined;
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
          ...(base ? { pinnedImageId: pinnedImage(plan.imageLock, base, plan.estate.region)?.imageId } : {}),
        });
        applyTags(migrated, tagsForServer(plan, server));
        servers.push(migrated);
        windowsServers.push(server.os.family === 'windows');
      }
      const windows = servers.filter((_, i) => windowsServers[i]);
      if (windows.length > 0) {
        new VssComponents(this, 'VssComponents', { instanceIds: windows.map((m) => m.instance.instanceId) });
      }
    }
    this.servers = servers;
    this.mgnServers = mgnServers;

    const databases: MigratedDatabase[] = [];
    let dmsGroup: dms.CfnReplicationSubnetGroup | undefined;
    if (assignment.databases.length > 0) {
      const foundation = new DatabaseFoundation(this, 'Databases', {
        network: props.network,
        storageKey: props.keys.keyFor('rds', classification),
        estateId: plan.estate.id,
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
        if (databaseEntry(database).route === 'dms') {
          dmsGroup ??= dmsSubnetGroup(
            this,
            'DmsSubnetGroup',
            props.network.vpc.selectSubnets(props.network.databaseSubnets).subnets,
            waveStackRole(assignment),
          );
          const secret = migrated.instance.secret;
          if (!secret) throw new Error(`Database "${database.id}" has no generated secret for DMS to use`);
          const replication = new DmsReplication(this, `${constructIdFor(database.id)}Dms`, {
            database,
            vpc: props.network.vpc,
            subnetGroup: dmsGroup,
            targetSecurityGroup: migrated.securityGroup,
            port: database.engine === 'oracle' ? 1521 : migrated.profile.port,
            targetSecret: secret,
            sourceCidrs: (props.sourceRanges ?? []).map((r) => r.cidr),
            key: props.keys.keyFor('secrets', classification),
            multiAz: migrated.multiAz,
            hostedRotation: migrated.profile.hostedRotation,
            rotationSubnets: props.network.serverSubnets,
            rotationSecurityGroup: foundation.rotationSecurityGroup,
          });
          applyTags(replication, tagsForDatabase(plan, database));
        }
      }
    }
    this.databases = databases;
  }
}

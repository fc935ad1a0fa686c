import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as dms from 'aws-cdk-lib/aws-dms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { constructIdFor } from '../lib/shared/naming';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { MigratedServer, ServerRole, subnetInZone, VssComponents } from '../lib/compute';
import {
  DatabaseFoundation,
  MigratedDatabase,
  roleArnByName,
  NamedSecretGuard,
  serverLogRetentionFor,
} from '../lib/database';
import { instanceIdentifierFor } from '../lib/database/instance-identifier';
import {
  alertsTopicArn,
  BackupFailureRules,
  DatabaseAlarms,
  databaseArn,
  instanceArn,
  ServerAlarms,
  type WatchedResource,
} from '../lib/operations';
import { rdsInstanceSpec } from '../lib/sizing/rds-catalogue';
import {
  databaseDecision,
  MAINTENANCE_WINDOW_TAG,
  PATCH_GROUP_TAG,
  serverDecision,
  type ServerDecision,
  tagsForApplication,
  type EstateModel,
  type WaveStackModel,
} from '../lib/estate-model';
import { MgnServerLanding } from '../lib/migration/mgn-server-landing';
import { DmsReplication, dmsSubnetGroup } from '../lib/migration/dms-replication';
import { dmsSourceSecretName } from '../lib/migration/dms/source-secret-name';
import type { DataClassification, OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly, PlanApplication, PlanDatabase, PlanServer, PlanWave } from '../lib/plan/plan';
import { applyTags } from '../lib/tagging';
import { EstateStack } from './private/estate-stack';

export interface WaveStackProps {
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
  /**
   * The account's Session Manager transcript group (security baseline): the servers may stream to
   * it. @default - none (the Organization's own preferences apply)
   */
  readonly sessionLogGroup?: logs.ILogGroup;
  /** The application's server security group (from the access stack). */
  readonly applicationSecurityGroup: ec2.ISecurityGroup;
  /** On-premises admin ranges admitted to database ports. */
  readonly adminRanges: readonly DeepReadonly<OnPremisesRange>[];
  /**
   * On-premises ranges the source databases live in (DMS connects to them).
   * @default - none: `dms` databases then get no source route
   */
  readonly sourceRanges?: readonly DeepReadonly<OnPremisesRange>[];
}

/**
 * The landing zone of one application in one migration wave: its EC2 servers (those rebuilt or
 * imported; `mgn` servers get what their launched instance needs instead), RDS databases and DMS
 * replication. Stateful (databases), so termination-protected. Depends on the keys, network,
 * access and backup stacks and, for deployment order, on the previous wave's stacks.
 */
export class WaveStack extends EstateStack {
  readonly servers: readonly MigratedServer[];
  /** Servers that arrive through AWS MGN: no instance here, only what the launched one needs. */
  readonly mgnServers: readonly MgnServerLanding[];
  readonly databases: readonly MigratedDatabase[];
  /** The DMS replication subnet group, when a database of the stack moves with DMS. */
  readonly dmsSubnetGroup?: dms.CfnReplicationSubnetGroup;

  constructor(scope: Construct, props: WaveStackProps) {
    const { model, wave, application } = props;
    super(scope, {
      model,
      role: props.stack.role,
      account: props.stack.account.account,
      description: `${model.estate.name}: wave ${wave.order} (${wave.name}) landing zone for ${application.name}`,
      stateful: true,
    });
    applyTags(this, tagsForApplication(model, application, wave));
    const classification = application.dataClassification;
    const alerts = model.alerts.find((a) => a.application === application.id);
    if (!alerts)
      throw new Error(`The estate model has no alerts decision for application "${application.id}"`);
    const topicArn = alertsTopicArn(this, alerts.alerts);
    /** Servers and databases whose backup jobs are watched (docs/operations.md). */
    const watched: WatchedResource[] = [];
    const alarmServer = (scope: Construct, decided: ServerDecision, instanceId: string) => {
      new ServerAlarms(scope, 'Alarms', {
        estateId: model.estate.id,
        serverId: decided.id,
        instanceId,
        os: decided.os,
        tier: application.tier,
        topicArn,
      });
      watched.push({ id: decided.id, arn: instanceArn(this, instanceId) });
    };

    const servers: MigratedServer[] = [];
    const mgnServers: MgnServerLanding[] = [];
    /** Per entry of `servers`: whether it runs Windows (VSS components go to those). */
    const windowsServers: boolean[] = [];
    if (props.servers.length > 0) {
      const { instanceProfile } = new ServerRole(this, 'ServerRole', {
        logKey: props.keys.keyFor('logs', classification),
        // Server logs are the hosts' audit trail: at least a year, longer where the data needs it.
        logRetention: serverLogRetentionFor(application.tier, classification),
        metricsNamespace: `Estate/${model.estate.id}`,
        windowsVss: props.servers.some((s) => s.os.family === 'windows'),
        // The account's Session Manager preferences (security baseline) log to this group and key.
        ...(props.sessionLogGroup
          ? {
              sessionLogging: {
                logGroup: props.sessionLogGroup,
                key: props.keys.keyFor('logs', accountClassification(model, props.stack.account.account)),
              },
            }
          : {}),
      });
      const subnets = props.network.vpc.selectSubnets(props.network.serverSubnets).subnets;
      const ebsKey = props.keys.keyFor('ebs', classification);
      for (const server of props.servers) {
        const decided = serverDecision(model, server.id);
        if (decided.routes.entry.route === 'mgn') {
          const landing = new MgnServerLanding(this, constructIdFor(server.id), {
            server,
            estateId: model.estate.id,
            subnet: subnetInZone(subnets, decided.placement.availabilityZone, server.id),
            securityGroup: props.applicationSecurityGroup,
            instanceProfile,
            ebsKey,
            adopted: model.settings.adopted.find((a) => a.server === server.id),
            tenancy: decided.licensing.tenancy,
          });
          applyTags(landing, decided.tags);
          // An adopted MGN server is under the same alarms as any other (migrate adopt recorded its id).
          if (landing.instanceId) alarmServer(landing, decided, landing.instanceId);
          mgnServers.push(landing);
          continue;
        }
        if (!decided.image)
          throw new Error(`Server "${server.id}" has no image decision in the estate model`);
        const migrated = new MigratedServer(this, constructIdFor(server.id), {
          server,
          application,
          instanceType: decided.size.instanceType,
          image: decided.image,
          licensing: decided.licensing,
          vpc: props.network.vpc,
          subnet: subnetInZone(subnets, decided.placement.availabilityZone, server.id),
          securityGroup: props.applicationSecurityGroup,
          instanceProfile,
          ebsKey,
        });
        applyTags(migrated, decided.tags);
        Tags.of(migrated).add(PATCH_GROUP_TAG, decided.operations.patchGroup);
        Tags.of(migrated).add(MAINTENANCE_WINDOW_TAG, decided.operations.maintenanceWindow.name);
        alarmServer(migrated, decided, migrated.instance.instanceId);
        servers.push(migrated);
        windowsServers.push(server.os.family === 'windows');
      }
      const windows = servers.filter((_, i) => windowsServers[i]);
      if (windows.length > 0) {
        new VssComponents(this, 'VssComponents', {
          instances: windows.map((m) => m.instance.node.defaultChild as ec2.CfnInstance),
          targetValue: this.stackName,
        });
      }
    }
    this.servers = servers;
    this.mgnServers = mgnServers;

    const databases: MigratedDatabase[] = [];
    let dmsGroup: dms.CfnReplicationSubnetGroup | undefined;
    if (props.databases.length > 0) {
      const foundation = new DatabaseFoundation(this, 'Databases', {
        network: props.network,
        storageKey: props.keys.keyFor('rds', classification),
        estateId: model.estate.id,
        breakGlassRoleName: model.settings.keyAdministration.breakGlassRole,
      });
      for (const database of props.databases) {
        const decided = databaseDecision(model, database.id);
        const migrated = new MigratedDatabase(this, constructIdFor(database.id), {
          estateId: model.estate.id,
          database,
          application,
          instanceClass: decided.size.instanceClass,
          multiAz: decided.highAvailability.multiAz,
          storage: decided.storage,
          foundation,
          applicationSecurityGroup: props.applicationSecurityGroup,
          adminRanges: props.adminRanges.filter((r) => r.purpose === 'admin'),
          storageKey: props.keys.keyFor('rds', classification),
          secretKey: props.keys.keyFor('secrets', classification),
          logKey: props.keys.keyFor('logs', classification),
          maintenanceWindow: decided.operations.maintenanceWindow,
          backupWindow: decided.operations.backupWindow,
        });
        applyTags(migrated, decided.tags);
        const identifier = instanceIdentifierFor(model.estate.id, database.id);
        new DatabaseAlarms(migrated, 'Alarms', {
          estateId: model.estate.id,
          databaseId: database.id,
          instanceIdentifier: identifier,
          engine: database.engine,
          memoryGiB: rdsInstanceSpec(decided.size.instanceClass).memoryGiB,
          allocatedStorageGiB: decided.storage.allocatedGiB,
          tier: application.tier,
          topicArn,
        });
        watched.push({ id: database.id, arn: databaseArn(this, identifier) });
        databases.push(migrated);
        if (decided.routes.entry.route === 'dms') {
          dmsGroup ??= dmsSubnetGroup(
            this,
            'DmsSubnetGroup',
            props.network.vpc.selectSubnets(props.network.databaseSubnets).subnets,
            props.stack.role,
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
            sourceSecretName: dmsSourceSecretName(model.estate.id, database.id),
            key: props.keys.keyFor('secrets', classification),
            multiAz: migrated.multiAz,
          });
          // DMS reads both secrets; the source one is the council's, never rotated by the stack.
          migrated.secretGuard.allow(replication.accessRole.roleArn);
          new NamedSecretGuard(replication, 'SourceCredentialsPolicy', {
            secretName: replication.sourceSecretName,
            readers: [
              replication.accessRole.roleArn,
              roleArnByName(this, model.settings.keyAdministration.breakGlassRole),
            ],
          });
          applyTags(replication, decided.tags);
        }
      }
    }
    this.databases = databases;
    this.dmsSubnetGroup = dmsGroup;
    if (watched.length > 0) {
      new BackupFailureRules(this, 'BackupFailures', {
        resources: watched,
        topicArn,
        label: `${application.name}, wave ${wave.order}`,
      });
    }
  }
}

/** The account's highest classification: its logs key (the security baseline's) is that one. */
function accountClassification(model: EstateModel, account: string): DataClassification {
  const found = model.accounts.find((a) => a.account === account);
  if (!found) throw new Error(`Account ${account} is not one of the estate model's workload accounts`);
  return found.classification;
}

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { pascalCase, safeDescription } from '../shared/naming';
import type { OnPremisesRange } from '../plan/schema';
import type { PlanApplication, PlanDatabase } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';
import type { DatabaseFoundation } from './database-foundation';
import { engineProfileFor, type EngineProfile } from './engine';
import { instanceIdentifierFor } from './instance-identifier';
import { roleArnByName, rotationFunctionName, SecretGuard } from './secret-guard';
import { DATABASE_TIER_SETTINGS, logRetentionFor } from './tier-settings';
import type { StorageDecision } from '../estate-model/database-storage';

/** Properties of a {@link MigratedDatabase}. */
export interface MigratedDatabaseProps {
  readonly estateId: string;
  readonly database: PlanDatabase;
  readonly application: PlanApplication;
  /** RDS instance class, as the estate model decided it (right-sized, or the plan's override). */
  readonly instanceClass: string;
  /** Multi-AZ, as the estate model's high-availability rule decided it (lib/estate-model). */
  readonly multiAz: boolean;
  /** Allocated storage and its autoscaling ceiling, as the estate model decided them. */
  readonly storage: Pick<StorageDecision, 'allocatedGiB' | 'maxAllocatedGiB'>;
  /** Shared per-stack parts (subnet group, roles, parameter and option groups). */
  readonly foundation: DatabaseFoundation;
  /** Security group of the owning application's servers: the only servers admitted. */
  readonly applicationSecurityGroup: ec2.ISecurityGroup;
  /** On-premises ranges with purpose `admin`: admitted on the database port. */
  readonly adminRanges: readonly OnPremisesRange[];
  /** Key for storage, snapshots and Performance Insights (`keyFor('rds', classification)`). */
  readonly storageKey: kms.IKey;
  /** Key for the generated credentials (`keyFor('secrets', classification)`). */
  readonly secretKey: kms.IKey;
  /** Key for the exported log groups (`keyFor('logs', classification)`). */
  readonly logKey: kms.IKey;
  /**
   * Days between credential rotations.
   * @default 30
   */
  readonly rotationDays?: number;
  /**
   * RDS maintenance window (minor-version upgrades), "ddd:hh:mm-ddd:hh:mm" UTC, from the estate
   * model's operations decision. @default - RDS picks a window
   */
  readonly maintenanceWindow?: string;
  /** RDS automated backup window, "hh:mm-hh:mm" UTC. @default - RDS picks a window */
  readonly backupWindow?: string;
}

/**
 * One on-premises database replatformed onto RDS, with the council's guardrails: encrypted gp3
 * storage with autoscaling, Multi-AZ as decided by the estate model, deletion protection and snapshot on
 * removal, backup retention by tier, isolated subnets, a security group for the owning application
 * and admin ranges only, TLS enforced, generated credentials (CMK) with hosted rotation, encrypted
 * log exports and Performance Insights, and native backup to S3 for SQL Server.
 */
export class MigratedDatabase extends Construct {
  readonly instance: rds.DatabaseInstance;
  /** The credentials' resource policy: rotation, break-glass and whoever `allow` adds (DMS). */
  readonly secretGuard: SecretGuard;
  readonly securityGroup: ec2.SecurityGroup;
  readonly profile: EngineProfile;
  readonly multiAz: boolean;

  constructor(scope: Construct, id: string, props: MigratedDatabaseProps) {
    super(scope, id);
    const { database: db, application: app } = props;
    checkDatabaseOfApplication(db, app);
    const profile = engineProfileFor(db);
    this.profile = profile;
    if (props.multiAz && !profile.supportsMultiAz) {
      throw new Error(`Database "${db.id}": RDS offers no Multi-AZ for ${profile.label}`);
    }
    this.multiAz = props.multiAz;
    const identifier = instanceIdentifierFor(props.estateId, db.id);
    this.securityGroup = this.createSecurityGroup(props, profile);
    const logGroups = this.createLogGroups(props, profile, identifier);
    const optionGroup = this.optionGroup(props, profile);
    this.instance = this.createInstance(props, profile, identifier, optionGroup);
    for (const group of logGroups) this.instance.node.addDependency(group);
    this.secretGuard = this.rotateCredentials(props, profile);
  }

  /**
   * The database's security group: the application's servers, the admin ranges and hosted
   * rotation reach the engine port; the matching egress rules go on the application's and the
   * rotation's groups.
   */
  private createSecurityGroup(props: MigratedDatabaseProps, profile: EngineProfile): ec2.SecurityGroup {
    const { database: db, application: app, foundation } = props;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: foundation.network.vpc,
      description: safeDescription(`Database ${db.id}: ${app.id} servers and admin ranges only`),
      allowAllOutbound: false,
    });
    const port = ec2.Port.tcp(profile.port);
    // Ingress on this group from the application's group; the matching egress is inline in the
    // application's group, to the isolated database subnets on this port (one rule per subnet and
    // port, whatever the number of databases, instead of a resource per database).
    securityGroup.addIngressRule(props.applicationSecurityGroup, port, safeDescription(`${app.id} servers`));
    for (const cidr of foundation.databaseSubnetCidrs) {
      props.applicationSecurityGroup.addEgressRule(
        ec2.Peer.ipv4(cidr),
        port,
        safeDescription(`${app.id} databases on ${profile.port}`),
      );
    }
    for (const range of props.adminRanges) {
      if (range.purpose !== 'admin') {
        throw new Error(
          `Database "${db.id}": on-premises range "${range.name}" has purpose ${range.purpose}, not admin`,
        );
      }
      securityGroup.addIngressRule(
        ec2.Peer.ipv4(range.cidr),
        port,
        safeDescription(`admin range ${range.name}`),
      );
    }
    const instancePort = db.engine === 'oracle' ? 1521 : profile.port;
    securityGroup.addIngressRule(
      foundation.rotationSecurityGroup,
      ec2.Port.tcp(instancePort),
      'Secrets Manager hosted rotation',
    );
    for (const cidr of foundation.databaseSubnetCidrs) {
      foundation.rotationSecurityGroup.addEgressRule(
        ec2.Peer.ipv4(cidr),
        ec2.Port.tcp(instancePort),
        `Database port ${instancePort} in the isolated subnets`,
      );
    }
    return securityGroup;
  }

  /** One retained, encrypted log group per exported log type, created before the instance. */
  private createLogGroups(
    props: MigratedDatabaseProps,
    profile: EngineProfile,
    identifier: string,
  ): logs.LogGroup[] {
    const app = props.application;
    return profile.logExports.map(
      (type) =>
        new logs.LogGroup(this, `Log${pascalCase(type)}`, {
          logGroupName: `/aws/rds/instance/${identifier}/${type}`,
          encryptionKey: props.logKey,
          retention: logRetentionFor(app.tier, app.dataClassification),
          removalPolicy: RemovalPolicy.RETAIN,
        }),
    );
  }

  /** The foundation's shared option group, or (engines with a TLS option) one of its own. */
  private optionGroup(props: MigratedDatabaseProps, profile: EngineProfile): rds.IOptionGroup | undefined {
    const { database: db, foundation } = props;
    const shared = foundation.optionGroupFor(profile);
    if (!profile.tlsOption) return shared;
    return new rds.OptionGroup(this, 'Options', {
      engine: profile.engine,
      description: `TLS listener on ${profile.port} for ${db.id}`,
      configurations: [
        {
          name: 'SSL',
          port: profile.port,
          vpc: foundation.network.vpc,
          securityGroups: [this.securityGroup],
          settings: {
            'SQLNET.SSL_VERSION': '1.2',
            'SQLNET.CIPHER_SUITE': 'SSL_RSA_WITH_AES_256_GCM_SHA384',
          },
        },
      ],
    });
  }

  private createInstance(
    props: MigratedDatabaseProps,
    profile: EngineProfile,
    identifier: string,
    optionGroup: rds.IOptionGroup | undefined,
  ): rds.DatabaseInstance {
    const { database: db, foundation } = props;
    const tier = DATABASE_TIER_SETTINGS[props.application.tier];
    const storage = props.storage;
    const smallClass = /^db\.t\d[a-z]*\.(micro|small)$/.test(props.instanceClass);
    const performanceInsights = !smallClass && !(db.engine === 'sqlserver' && db.edition === 'express');
    return new rds.DatabaseInstance(this, 'Instance', {
      engine: profile.engine,
      licenseModel: profile.licenseModel,
      instanceType: new ec2.InstanceType(props.instanceClass.replace(/^db\./, '')),
      instanceIdentifier: identifier,
      vpc: foundation.network.vpc,
      subnetGroup: foundation.subnetGroup,
      securityGroups: [this.securityGroup],
      publiclyAccessible: false,
      multiAz: this.multiAz,
      storageType: rds.StorageType.GP3,
      allocatedStorage: storage.allocatedGiB,
      maxAllocatedStorage: storage.maxAllocatedGiB,
      storageEncrypted: true,
      storageEncryptionKey: props.storageKey,
      credentials: rds.Credentials.fromGeneratedSecret('estateadmin', { encryptionKey: props.secretKey }),
      iamAuthentication: profile.supportsIamAuthentication ? true : undefined,
      parameterGroup: foundation.parameterGroupFor(profile),
      optionGroup,
      cloudwatchLogsExports: [...profile.logExports],
      enablePerformanceInsights: performanceInsights,
      performanceInsightEncryptionKey: performanceInsights ? props.storageKey : undefined,
      monitoringInterval: ENHANCED_MONITORING_INTERVAL,
      monitoringRole: foundation.monitoringRole,
      backupRetention: Duration.days(tier.backupRetentionDays),
      copyTagsToSnapshot: true,
      deleteAutomatedBackups: false,
      deletionProtection: true,
      autoMinorVersionUpgrade: true,
      ...(props.maintenanceWindow ? { preferredMaintenanceWindow: props.maintenanceWindow } : {}),
      ...(props.backupWindow ? { preferredBackupWindow: props.backupWindow } : {}),
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      removalPolicy: RemovalPolicy.SNAPSHOT,
    });
  }

  /** Hosted rotation of the generated credentials, and the guard on who else may read them. */
  private rotateCredentials(props: MigratedDatabaseProps, profile: EngineProfile): SecretGuard {
    const { foundation } = props;
    const functionName = rotationFunctionName(props.estateId, props.database.id);
    this.instance.secret!.addRotationSchedule('Rotation', {
      hostedRotation: profile.hostedRotation({
        functionName,
        vpc: foundation.network.vpc,
        vpcSubnets: foundation.network.serverSubnets,
        securityGroups: [foundation.rotationSecurityGroup],
      }),
      automaticallyAfter: Duration.days(props.rotationDays ?? 30),
    });
    // Only its rotation, DMS (wave stack: secretGuard.allow) and break-glass reach the credentials.
    return new SecretGuard(this.instance.secret!, {
      readers: foundation.breakGlassRoleName
        ? [roleArnByName(Stack.of(this), foundation.breakGlassRoleName)]
        : [],
      rotationFunctionName: functionName,
    });
  }
}

/** Throws unless the database gets landing-zone resources and belongs to the application given. */
function checkDatabaseOfApplication(db: PlanDatabase, app: PlanApplication): void {
  if (!getsLandingZone(db)) {
    throw new Error(
      `Database "${db.id}" has strategy "${db.strategy}", which gets no landing-zone resources`,
    );
  }
  if (db.application !== app.id) {
    throw new Error(`Database "${db.id}" belongs to "${db.application}", not to "${app.id}"`);
  }
}

const ENHANCED_MONITORING_INTERVAL = Duration.minutes(1);

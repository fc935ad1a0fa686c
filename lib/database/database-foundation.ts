import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { constructIdFor } from '../shared/naming';
import type { LandingZoneNetwork } from '../network/landing-zone-network';
import type { EngineProfile } from './engine';
import { NativeBackupBucket } from './native-backup-bucket';

/** Properties of a {@link DatabaseFoundation}. */
export interface DatabaseFoundationProps {
  readonly network: LandingZoneNetwork;
  /** The databases' `rds` key; also encrypts the SQL Server native-backup bucket. */
  readonly storageKey: kms.IKey;
}

/**
 * What the databases of one stack share: the subnet group over the isolated subnets, the enhanced
 * monitoring role, the security group of the hosted rotation functions, one TLS parameter group per
 * engine version, and for SQL Server the native-backup bucket and option group. Shared parts are
 * created on first use, so a stack without SQL Server has no bucket.
 */
export class DatabaseFoundation extends Construct {
  readonly subnetGroup: rds.SubnetGroup;
  readonly monitoringRole: iam.Role;
  /** The hosted rotation functions run with this group; databases admit it on their port. */
  readonly rotationSecurityGroup: ec2.SecurityGroup;
  readonly network: LandingZoneNetwork;
  private readonly parameterGroups = new Map<string, rds.ParameterGroup>();
  private readonly optionGroups = new Map<string, rds.OptionGroup>();
  private nativeBackup?: NativeBackupBucket;
  private readonly storageKey: kms.IKey;

  constructor(scope: Construct, id: string, props: DatabaseFoundationProps) {
    super(scope, id);
    this.network = props.network;
    this.storageKey = props.storageKey;
    this.subnetGroup = new rds.SubnetGroup(this, 'SubnetGroup', {
      vpc: props.network.vpc,
      vpcSubnets: props.network.databaseSubnets,
      description: 'Isolated database subnets',
    });
    this.monitoringRole = new iam.Role(this, 'MonitoringRole', {
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonRDSEnhancedMonitoringRole'),
      ],
    });
    this.rotationSecurityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: props.network.vpc,
      description: 'Secrets Manager hosted rotation functions for database credentials',
      allowAllOutbound: true,
    });
  }

  /** The parameter group that forces TLS for this engine version (one per engine family). */
  parameterGroupFor(profile: EngineProfile): rds.ParameterGroup | undefined {
    if (!profile.tlsParameter) return undefined;
    const family = profile.engine.parameterGroupFamily;
    if (!family) throw new Error(`No parameter group family for ${profile.label}`);
    let group = this.parameterGroups.get(family);
    if (!group) {
      group = new rds.ParameterGroup(this, `Params${constructIdFor(family)}`, {
        engine: profile.engine,
        description: `TLS required (${profile.tlsParameter.name}=${profile.tlsParameter.value}) for ${family}`,
        parameters: { [profile.tlsParameter.name]: profile.tlsParameter.value },
      });
      this.parameterGroups.set(family, group);
    }
    return group;
  }

  /** SQL Server option group with SQLSERVER_BACKUP_RESTORE to the native-backup bucket. */
  nativeBackupOptionGroupFor(profile: EngineProfile): rds.OptionGroup {
    const key = `${profile.engine.engineType}-${profile.engine.engineVersion?.majorVersion ?? 'default'}`;
    let group = this.optionGroups.get(key);
    if (!group) {
      const backup = this.nativeBackupBucket();
      group = new rds.OptionGroup(this, `Options${constructIdFor(key)}`, {
        engine: profile.engine,
        description: `Native backup and restore to S3 for ${key}`,
        configurations: [
          { name: 'SQLSERVER_BACKUP_RESTORE', settings: { IAM_ROLE_ARN: backup.role.roleArn } },
        ],
      });
      this.optionGroups.set(key, group);
    }
    return group;
  }

  /** The native-backup bucket of this stack (created on first use). */
  nativeBackupBucket(): NativeBackupBucket {
    this.nativeBackup ??= new NativeBackupBucket(this, 'NativeBackup', { key: this.storageKey });
    return this.nativeBackup;
  }
}

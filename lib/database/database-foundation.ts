import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { constructIdFor } from '../shared/naming';
import type { LandingZoneNetwork } from '../network/landing-zone-network';
import type { EngineProfile } from './engine';
import { BREAK_GLASS_ROLE_NAME, NativeBackupBucket } from './native-backup-bucket';
import { SqlServerAuditBucket } from './sqlserver-audit-bucket';
import { servicePrincipalForAccount } from '../shared/service-trust';

/** Properties of a {@link DatabaseFoundation}. */
export interface DatabaseFoundationProps {
  readonly network: LandingZoneNetwork;
  /** The databases' `rds` key; also encrypts the SQL Server native-backup bucket. */
  readonly storageKey: kms.IKey;
  /** The estate id: database identifiers start with it (native-backup role trust). */
  readonly estateId: string;
  /**
   * The plan's break-glass role (`keyAdministration.breakGlassRole`), the one other principal of
   * the native-backup bucket. @default BREAK_GLASS_ROLE_NAME
   */
  readonly breakGlassRoleName?: string;
}

/**
 * What the databases of one stack share: the subnet group over the isolated subnets, the enhanced
 * monitoring role, the security group of the hosted rotation functions, one parameter group per
 * engine version (TLS and audit), one option group per engine version where auditing or native
 * backup needs one, and for SQL Server the native-backup bucket (backups and audit files). Shared parts are
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
  private sqlServerAudit?: SqlServerAuditBucket;
  private readonly storageKey: kms.IKey;
  private readonly estateId: string;
  /** The plan's break-glass role name, when given: the one other principal of buckets and secrets. */
  readonly breakGlassRoleName: string | undefined;

  constructor(scope: Construct, id: string, props: DatabaseFoundationProps) {
    super(scope, id);
    this.network = props.network;
    this.storageKey = props.storageKey;
    this.estateId = props.estateId;
    this.breakGlassRoleName = props.breakGlassRoleName;
    this.subnetGroup = new rds.SubnetGroup(this, 'SubnetGroup', {
      vpc: props.network.vpc,
      vpcSubnets: props.network.databaseSubnets,
      description: 'Isolated database subnets',
    });
    this.monitoringRole = new iam.Role(this, 'MonitoringRole', {
      // RDS User Guide, "Setting up and enabling Enhanced Monitoring" > "Protecting against the
      // confused deputy problem": aws:SourceAccount and aws:SourceArn (the DB instance) in the trust.
      assumedBy: servicePrincipalForAccount(this, 'monitoring.rds.amazonaws.com', {
        sourceArnService: 'rds',
      }),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonRDSEnhancedMonitoringRole'),
      ],
    });
    this.rotationSecurityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc: props.network.vpc,
      description: 'Secrets Manager hosted rotation functions for database credentials',
      allowAllOutbound: false,
    });
    // Secrets Manager through its interface endpoint in the VPC; each database adds its own port
    // (`databaseSubnetCidrs`: inline rules to the isolated subnets, not one resource per database).
    this.rotationSecurityGroup.addEgressRule(
      ec2.Peer.ipv4(props.network.vpc.vpcCidrBlock),
      ec2.Port.tcp(443),
      'HTTPS to the Secrets Manager endpoint in the VPC',
    );
  }

  /**
   * CIDRs of the isolated database subnets: egress to a database port goes to these (inline in the
   * sending group, whatever the number of databases); each database's own group still admits only
   * the groups named for it.
   */
  get databaseSubnetCidrs(): string[] {
    return this.network.vpc.selectSubnets(this.network.databaseSubnets).subnets.map((s) => s.ipv4CidrBlock);
  }

  /**
   * The parameter group of this engine version (one per engine family): TLS forced where the engine
   * does it by parameter, and the engine's audit settings (see audit-settings.ts).
   */
  parameterGroupFor(profile: EngineProfile): rds.ParameterGroup | undefined {
    const parameters: Record<string, string> = { ...profile.audit.parameters };
    if (profile.tlsParameter) parameters[profile.tlsParameter.name] = profile.tlsParameter.value;
    if (Object.keys(parameters).length === 0) return undefined;
    const family = profile.engine.parameterGroupFamily;
    if (!family) throw new Error(`No parameter group family for ${profile.label}`);
    let group = this.parameterGroups.get(family);
    if (!group) {
      const tls = profile.tlsParameter ? `TLS required, ` : '';
      group = new rds.ParameterGroup(this, `Params${constructIdFor(family)}`, {
        engine: profile.engine,
        description: `${tls}audit on (${profile.audit.summary}) for ${family}`.slice(0, 255),
        parameters,
      });
      this.parameterGroups.set(family, group);
    }
    return group;
  }

  /**
   * The shared option group of this engine version, when the engine needs one: SQL Server gets
   * native backup and restore (SQLSERVER_BACKUP_RESTORE) and SQL Server Audit (SQLSERVER_AUDIT),
   * both to the stack's native-backup bucket; MySQL and MariaDB get the MariaDB Audit Plugin.
   * Oracle's option group holds its per-database TLS listener, so it is built by the database.
   */
  optionGroupFor(profile: EngineProfile): rds.OptionGroup | undefined {
    const audit = profile.audit.option;
    if (!profile.nativeBackupRestore && audit?.name !== 'MARIADB_AUDIT_PLUGIN') return undefined;
    const key = `${profile.engine.engineType}-${profile.engine.engineVersion?.majorVersion ?? 'default'}`;
    let group = this.optionGroups.get(key);
    if (!group) {
      const configurations: rds.OptionConfiguration[] = [];
      if (profile.nativeBackupRestore) {
        const backup = this.nativeBackupBucket();
        configurations.push({
          name: 'SQLSERVER_BACKUP_RESTORE',
          settings: { IAM_ROLE_ARN: backup.role.roleArn },
        });
        if (audit?.name === 'SQLSERVER_AUDIT') {
          const auditBucket = this.sqlServerAuditBucket();
          configurations.push({
            name: 'SQLSERVER_AUDIT',
            settings: {
              IAM_ROLE_ARN: auditBucket.role.roleArn,
              S3_BUCKET_ARN: auditBucket.auditPrefixArn,
              ENABLE_COMPRESSION: 'true',
            },
          });
        }
      } else if (audit?.name === 'MARIADB_AUDIT_PLUGIN') {
        configurations.push({ name: audit.name, settings: { ...audit.settings } });
      }
      group = new rds.OptionGroup(this, `Options${constructIdFor(key)}`, {
        engine: profile.engine,
        description: `${configurations.map((c) => c.name).join(' and ')} for ${key}`,
        configurations,
      });
      this.optionGroups.set(key, group);
    }
    return group;
  }

  /** The locked SQL Server Audit bucket of this stack (created on first use). */
  sqlServerAuditBucket(): SqlServerAuditBucket {
    this.sqlServerAudit ??= new SqlServerAuditBucket(this, 'SqlServerAudit', {
      key: this.storageKey,
      databaseIdentifierPrefix: `${this.estateId}-`,
      breakGlassRoleArn: Stack.of(this).formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: this.breakGlassRoleName ?? BREAK_GLASS_ROLE_NAME,
      }),
    });
    return this.sqlServerAudit;
  }

  /** The native-backup bucket of this stack (created on first use). */
  nativeBackupBucket(): NativeBackupBucket {
    this.nativeBackup ??= new NativeBackupBucket(this, 'NativeBackup', {
      key: this.storageKey,
      databaseIdentifierPrefix: `${this.estateId}-`,
      ...(this.breakGlassRoleName ? { breakGlassRoleName: this.breakGlassRoleName } : {}),
    });
    return this.nativeBackup;
  }
}

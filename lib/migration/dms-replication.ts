import * as dms from 'aws-cdk-lib/aws-dms';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Aws, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { PlanDatabase } from '../plan/plan';
import { servicePrincipalForAccount } from '../shared/service-trust';
import { dmsReplicationConfigId } from './dms/replication-id';
import { dmsDatabaseNameOf } from './dms/database-name';
import { secretArnPattern } from './dms/source-secret-name';

export { dmsDatabaseNameOf };

/** DMS's engine names for the plan's engines. */
const DMS_ENGINE: Readonly<Record<PlanDatabase['engine'], string>> = {
  sqlserver: 'sqlserver',
  oracle: 'oracle',
  postgresql: 'postgres',
  mysql: 'mysql',
  mariadb: 'mariadb',
};

/** DMS Serverless capacity units offered (DCU). */
const DCU = [1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384];

/** Maximum DCU for a database: about 2 DCU (4 GiB) per on-premises vCPU, at least 2, within DMS's steps. */
export function dmsCapacityFor(db: Pick<PlanDatabase, 'vcpu'>): number {
  const want = Math.max(2, db.vcpu * 2);
  return DCU.find((d) => d >= want) ?? DCU[DCU.length - 1]!;
}

/** Properties of a {@link DmsReplication}. */
export interface DmsReplicationProps {
  readonly database: PlanDatabase;
  readonly vpc: ec2.IVpc;
  /** The replication subnet group (isolated database subnets) shared by the stack. */
  readonly subnetGroup: dms.CfnReplicationSubnetGroup;
  /** The RDS instance's security group: DMS is admitted on the engine port. */
  readonly targetSecurityGroup: ec2.ISecurityGroup;
  readonly port: number;
  /** The RDS instance's generated credentials (username, password, host, port). */
  readonly targetSecret: secretsmanager.ISecret;
  /** On-premises ranges the source database may be in (DMS connects out to them). */
  readonly sourceCidrs: readonly string[];
  /**
   * Name of the on-premises source secret, which the council's DBA creates before the wave is
   * deployed (`dmsSourceSecretName`); the stack never creates, changes or rotates it.
   */
  readonly sourceSecretName: string;
  /** Customer-managed key the source secret is encrypted with, also for the replication storage. */
  readonly key: kms.IKey;
  readonly multiAz: boolean;
}

/**
 * AWS DMS Serverless, full load and ongoing replication (CDC) with validation, from the on-premises
 * database into its RDS instance. The source credentials live in a Secrets Manager secret that the
 * council's DBA creates by name, encrypted with the estate's secrets key, before the wave is
 * deployed: the stack does not own it, so nothing here can rotate it or change the on-premises
 * password (docs/organisation.md, "The DMS source secret"); `estate preflight` checks it exists,
 * is not rotated and uses that key. The endpoint names it by its friendly name, which DMS accepts
 * ("The full ARN, partial ARN, or friendly name of the SecretsManagerSecret", DMS API Reference,
 * SecretsManagerSecretId). The target is the RDS instance's own secret. Both endpoints require TLS.
 */
export class DmsReplication extends Construct {
  /** The source secret's name, and the IAM pattern of its ARN (`<name>-??????`). */
  readonly sourceSecretName: string;
  readonly sourceSecretArnPattern: string;
  /** The role DMS reads the source and target secrets with. */
  readonly accessRole: iam.Role;
  readonly config: dms.CfnReplicationConfig;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: DmsReplicationProps) {
    super(scope, id);
    this.securityGroup = this.createSecurityGroup(props);
    const stack = Stack.of(this);
    this.sourceSecretName = props.sourceSecretName;
    this.sourceSecretArnPattern = secretArnPattern(
      Aws.PARTITION,
      stack.region,
      stack.account,
      props.sourceSecretName,
    );
    this.accessRole = this.createAccessRole(props);
    this.config = this.createReplication(props);
  }

  /** Egress to the on-premises source, the RDS target and the Secrets Manager endpoint only. */
  private createSecurityGroup(props: DmsReplicationProps): ec2.SecurityGroup {
    const db = props.database;
    const securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `DMS replication for ${db.id}: to the source on-premises and the RDS target`,
      allowAllOutbound: false,
    });
    for (const cidr of props.sourceCidrs) {
      securityGroup.addEgressRule(
        ec2.Peer.ipv4(cidr),
        ec2.Port.tcp(props.port),
        `source ${db.id} on-premises`,
      );
    }
    securityGroup.addEgressRule(
      props.targetSecurityGroup,
      ec2.Port.tcp(props.port),
      `target ${db.id} in RDS`,
    );
    securityGroup.addEgressRule(
      ec2.Peer.ipv4(props.vpc.vpcCidrBlock),
      ec2.Port.tcp(443),
      'Secrets Manager endpoint',
    );
    props.targetSecurityGroup.addIngressRule(
      securityGroup,
      ec2.Port.tcp(props.port),
      `DMS replication into ${db.id}`,
    );
    return securityGroup;
  }

  /** The role DMS reads the source and target secrets with, and its customer-managed policy. */
  private createAccessRole(props: DmsReplicationProps): iam.Role {
    const db = props.database;
    const region = Stack.of(this).region;
    const access = new iam.Role(this, 'SecretsAccess', {
      // DMS User Guide, "Cross-service confused deputy prevention" (engine 3.4.7 and later).
      assumedBy: servicePrincipalForAccount(this, `dms.${region}.amazonaws.com`, { sourceArnService: 'dms' }),
      description: `DMS reads the source and target credentials of ${db.id}`,
    });
    // A customer-managed policy, not inline, and not `grantRead`: that would also edit the key
    // policy in the keys stack, which would then depend on this wave stack (a cycle).
    new iam.ManagedPolicy(this, 'SecretsAccessPolicy', {
      description: `DMS reads the source and target credentials of ${db.id}`,
      roles: [access],
      statements: [
        new iam.PolicyStatement({
          actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
          resources: [this.sourceSecretArnPattern, props.targetSecret.secretArn],
        }),
        new iam.PolicyStatement({
          actions: ['kms:Decrypt'],
          resources: [
            props.key.keyArn,
            ...(props.targetSecret.encryptionKey ? [props.targetSecret.encryptionKey.keyArn] : []),
          ],
          conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${region}.amazonaws.com` } },
        }),
      ],
    });
    return access;
  }

  /** The source and target endpoints and the serverless replication between them. */
  private createReplication(props: DmsReplicationProps): dms.CfnReplicationConfig {
    const db = props.database;
    const engine = DMS_ENGINE[db.engine];
    // The source secret is never rotated by the stack (it does not own it): a rotation would reach
    // the on-premises database over the hybrid link and change the council's own password there.
    // The council's DBA changes it on the source and then in the secret (docs/organisation.md).
    const settings = (secretId: string) => endpointSettings(db, secretId, this.accessRole);
    const databaseName = dmsDatabaseNameOf(db);
    const source = new dms.CfnEndpoint(this, 'Source', {
      endpointType: 'source',
      engineName: engine,
      sslMode: 'require',
      ...(databaseName ? { databaseName } : {}),
      ...settings(props.sourceSecretName),
    });
    const target = new dms.CfnEndpoint(this, 'Target', {
      endpointType: 'target',
      engineName: engine,
      sslMode: 'require',
      ...(databaseName ? { databaseName } : {}),
      ...settings(props.targetSecret.secretArn),
    });
    return new dms.CfnReplicationConfig(this, 'Replication', {
      replicationConfigIdentifier: dmsReplicationConfigId(db.id),
      replicationType: 'full-load-and-cdc',
      sourceEndpointArn: source.ref,
      targetEndpointArn: target.ref,
      computeConfig: {
        maxCapacityUnits: dmsCapacityFor(db),
        minCapacityUnits: 1,
        multiAz: props.multiAz,
        kmsKeyId: props.key.keyArn,
        replicationSubnetGroupId: props.subnetGroup.ref,
        vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      },
      tableMappings: {
        rules: [
          {
            'rule-type': 'selection',
            'rule-id': '1',
            'rule-name': 'everything',
            'object-locator': { 'schema-name': '%', 'table-name': '%' },
            'rule-action': 'include',
          },
        ],
      },
      replicationSettings: {
        ValidationSettings: { EnableValidation: true, ValidationMode: 'ROW_LEVEL' },
        Logging: { EnableLogging: true },
        FullLoadSettings: { TargetTablePrepMode: 'DO_NOTHING' },
      },
    });
  }
}

/** The engine's Secrets Manager settings of a DMS endpoint: the secret and the role that reads it. */
function endpointSettings(db: PlanDatabase, secretId: string, access: iam.IRole) {
  const s = { secretsManagerSecretId: secretId, secretsManagerAccessRoleArn: access.roleArn };
  switch (db.engine) {
    case 'sqlserver':
      return { microsoftSqlServerSettings: s };
    case 'oracle':
      return { oracleSettings: s };
    case 'postgresql':
      return { postgreSqlSettings: s };
    default:
      return { mySqlSettings: s };
  }
}

/** The DMS replication subnet group of a stack: the isolated database subnets. */
export function dmsSubnetGroup(
  scope: Construct,
  id: string,
  subnets: readonly ec2.ISubnet[],
  label: string,
): dms.CfnReplicationSubnetGroup {
  return new dms.CfnReplicationSubnetGroup(scope, id, {
    replicationSubnetGroupDescription: `DMS replication in the isolated database subnets: ${label}`,
    subnetIds: subnets.map((s) => s.subnetId),
  });
}

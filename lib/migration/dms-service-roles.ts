import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * The IAM roles AWS DMS looks up by exact name in the account (AWS DMS user guide, "Creating the
 * IAM roles to use with the AWS CLI and AWS DMS API"): `dms-vpc-role` (AWS-managed policy
 * AmazonDMSVPCManagementRole: DMS manages the network interfaces of its replication in the VPC)
 * and `dms-cloudwatch-logs-role` (AmazonDMSCloudWatchLogsRole: DMS writes the replication's
 * logs). CloudFormation's `AWS::DMS::ReplicationSubnetGroup` fails "if the dms-vpc-role IAM role
 * doesn't already exist" (CloudFormation template reference, AWS::DMS::ReplicationSubnetGroup),
 * so the stack holding these roles deploys before any stack with a subnet group.
 *
 * The names are fixed by DMS, so these roles exist once per account: one construct per workload
 * account (its Access stack), never one per wave stack.
 */
export const DMS_VPC_ROLE_NAME = 'dms-vpc-role';
export const DMS_CLOUDWATCH_LOGS_ROLE_NAME = 'dms-cloudwatch-logs-role';

export class DmsServiceRoles extends Construct {
  readonly vpcRole: iam.Role;
  readonly cloudWatchLogsRole: iam.Role;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // DMS's documented trust: the service principal dms.amazonaws.com (not the regional form).
    this.vpcRole = new iam.Role(this, 'VpcRole', {
      roleName: DMS_VPC_ROLE_NAME,
      assumedBy: new iam.ServicePrincipal('dms.amazonaws.com'),
      description: 'Required by AWS DMS by this exact name: manages the replication network interfaces',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonDMSVPCManagementRole'),
      ],
    });
    this.cloudWatchLogsRole = new iam.Role(this, 'CloudWatchLogsRole', {
      roleName: DMS_CLOUDWATCH_LOGS_ROLE_NAME,
      assumedBy: new iam.ServicePrincipal('dms.amazonaws.com'),
      description: 'Required by AWS DMS by this exact name: writes replication logs to CloudWatch Logs',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonDMSCloudWatchLogsRole'),
      ],
    });
  }
}

/** EC2, SSM and DMS clients for the `migrate` commands, in the plan's region (see lib/cli/aws-clients.ts). */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import type { CliIo } from '../../command';
import type { Plan } from '../../../plan/plan';
import { awsClient } from '../../aws-clients';

export function ec2ClientFor(plan: Plan, io: CliIo): EC2Client {
  return awsClient(EC2Client, io, 'EC2', plan.estate.region);
}

export function ssmClientFor(plan: Plan, io: CliIo): SSMClient {
  return awsClient(SSMClient, io, 'SSM', plan.estate.region);
}

/**
 * DMS client: `--endpoint`, else AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE (the SDK's
 * service-specific variable), else AWS_ENDPOINT_URL, else the public one.
 */
export function dmsClientFor(plan: Plan, io: CliIo, endpointOption?: string): DatabaseMigrationServiceClient {
  return awsClient(DatabaseMigrationServiceClient, io, 'DATABASE_MIGRATION_SERVICE', plan.estate.region, {
    endpoint: endpointOption,
  });
}

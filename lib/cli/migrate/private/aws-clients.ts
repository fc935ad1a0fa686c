/**
 * EC2 and SSM clients for the `migrate` commands: the plan's region, static env credentials, and
 * an endpoint from the SDK's service-specific variables (AWS_ENDPOINT_URL_EC2 / _SSM), else
 * AWS_ENDPOINT_URL, else the public one. Retries (throttling) as the MGN client.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { DatabaseMigrationServiceClient } from '@aws-sdk/client-database-migration-service';
import type { CliIo } from '../../command';
import type { Plan } from '../../../plan/plan';
import { credentialsFromEnv } from './options';

function endpointFor(io: CliIo, service: 'EC2' | 'SSM'): { endpoint: string } | Record<string, never> {
  const endpoint = io.env[`AWS_ENDPOINT_URL_${service}`] ?? io.env.AWS_ENDPOINT_URL;
  return endpoint ? { endpoint } : {};
}

export function ec2ClientFor(plan: Plan, io: CliIo): EC2Client {
  return new EC2Client({
    region: plan.estate.region,
    ...endpointFor(io, 'EC2'),
    ...credentialsFromEnv(io),
    maxAttempts: 5,
  });
}

export function ssmClientFor(plan: Plan, io: CliIo): SSMClient {
  return new SSMClient({
    region: plan.estate.region,
    ...endpointFor(io, 'SSM'),
    ...credentialsFromEnv(io),
    maxAttempts: 5,
  });
}

/**
 * DMS client: `--endpoint`, else AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE (the SDK's
 * service-specific variable), else AWS_ENDPOINT_URL, else the public one.
 */
export function dmsClientFor(plan: Plan, io: CliIo, endpointOption?: string): DatabaseMigrationServiceClient {
  const endpoint =
    endpointOption ?? io.env.AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE ?? io.env.AWS_ENDPOINT_URL;
  return new DatabaseMigrationServiceClient({
    region: plan.estate.region,
    ...(endpoint ? { endpoint } : {}),
    ...credentialsFromEnv(io),
    maxAttempts: 5,
  });
}

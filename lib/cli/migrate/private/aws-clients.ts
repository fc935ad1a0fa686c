/** EC2 and SSM clients for the `migrate` commands, in the plan's region (see lib/cli/aws-clients.ts). */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { CliIo } from '../../command';
import type { Plan } from '../../../plan/plan';
import { awsClientConfig } from '../../aws-clients';

export function ec2ClientFor(plan: Plan, io: CliIo): EC2Client {
  return new EC2Client(awsClientConfig(io, 'EC2', plan.estate.region));
}

export function ssmClientFor(plan: Plan, io: CliIo): SSMClient {
  return new SSMClient(awsClientConfig(io, 'SSM', plan.estate.region));
}

/** The MGN client for a command: the plan's region, `--endpoint` if given (lib/cli/aws-clients.ts). */
import { MgnClient } from '@aws-sdk/client-mgn';
import type { CliIo, ParsedArgs } from '../../command';
import type { Plan } from '../../../plan/plan';
import { awsClient } from '../../aws-clients';
import { stringOption } from '../../private/options';

export function mgnClientFor(plan: Plan, args: ParsedArgs, io: CliIo): MgnClient {
  return awsClient(MgnClient, io, 'MGN', plan.estate.region, { endpoint: stringOption(args, 'endpoint') });
}

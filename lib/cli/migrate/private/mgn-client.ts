/** The MGN client for a command: the plan's region, an optional endpoint, static env credentials. */
import { MgnClient } from '@aws-sdk/client-mgn';
import type { CliIo, ParsedArgs } from '../../command';
import type { Plan } from '../../../plan/plan';
import { credentialsFromEnv, stringOption } from '../../private/options';

export function mgnClientFor(plan: Plan, args: ParsedArgs, io: CliIo): MgnClient {
  const endpoint = stringOption(args, 'endpoint') ?? io.env.AWS_ENDPOINT_URL;
  return new MgnClient({
    region: plan.estate.region,
    ...(endpoint ? { endpoint } : {}),
    ...credentialsFromEnv(io),
    maxAttempts: 5,
  });
}

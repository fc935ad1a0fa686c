/** `estate cost refresh-prices`: rebuild the bundled price snapshot from the AWS Price List API. */
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PricingClient } from '@aws-sdk/client-pricing';
import { stringOption, EXIT, type Command } from '../command';
import { bundledSnapshot, parseSnapshot, refreshSnapshot } from '../../cost/pricing';
import { awsClient } from '../aws-clients';
import { isUserError } from '../../shared/user-error';
import { pathOption, today } from './private/options';

export const costRefreshPricesCommand: Command = {
  path: ['cost', 'refresh-prices'],
  summary: 'Rebuild the eu-west-2 price snapshot from the AWS Price List API (free API, needs credentials)',
  usage: [
    'Usage: npm run estate -- cost refresh-prices [--out FILE] [--endpoint URL] [--api-region REGION]',
    '',
    'Queries the AWS Price List Query API (GetProducts, all pages) for every EC2 type and RDS class in',
    'the current snapshot, EBS and RDS gp3 storage, NAT gateways and interface endpoints in eu-west-2,',
    'and writes a new dated snapshot. Prices the API does not return are kept and listed.',
    '',
    'Options:',
    '  --out FILE          where to write (default: lib/sizing/prices/eu-west-2.json)',
    '  --endpoint URL      Price List endpoint (default: AWS_ENDPOINT_URL, else the public one)',
    '  --api-region NAME   region of the Price List endpoint: us-east-1 (default), eu-central-1, ap-south-1',
    '',
    'Credentials come from the usual AWS chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profile, SSO).',
    'Exit codes: 0 written, 1 the API failed or returned nothing (the snapshot is left alone), 2 bad arguments.',
  ].join('\n'),
  options: { out: { type: 'string' }, endpoint: { type: 'string' }, 'api-region': { type: 'string' } },
  async run(args, io) {
    const out = pathOption(
      io,
      stringOption(args, 'out') ?? join('lib', 'sizing', 'prices', 'eu-west-2.json'),
    );
    const endpoint =
      stringOption(args, 'endpoint') ?? io.env.AWS_ENDPOINT_URL_PRICING ?? io.env.AWS_ENDPOINT_URL;
    // Three attempts: the SDK's default, which this command has always used.
    const client = awsClient(PricingClient, io, 'PRICING', stringOption(args, 'api-region') ?? 'us-east-1', {
      endpoint,
      maxAttempts: 3,
    });
    try {
      io.stdout(`Querying the AWS Price List API${endpoint ? ` at ${endpoint}` : ''} for eu-west-2...\n`);
      const previous = bundledSnapshot();
      const result = await refreshSnapshot({ client, previous, today: today(io) });
      const snapshot = parseSnapshot(result.snapshot, 'rebuilt from the Price List API');
      writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`, 'utf8');
      io.stdout(
        [
          `${result.requests} GetProducts request(s) (the Price List API is free).`,
          `${result.updated} price(s) updated; ${result.missing.length} not returned and kept from ${previous.metadata.asOf}.`,
          ...result.missing.slice(0, 10).map((m) => `  kept: ${m}`),
          result.missing.length > 10 ? `  ... and ${result.missing.length - 10} more` : '',
          `Wrote ${relative(io.cwd, out) || out} (as of ${snapshot.metadata.asOf}).`,
          '',
        ]
          .filter((l, i, a) => l !== '' || i === a.length - 1)
          .join('\n'),
      );
      return EXIT.ok;
    } catch (e) {
      if (!isUserError(e)) throw e;
      io.stderr(`cost refresh-prices: ${e.message}\n`);
      return e.exitCode;
    } finally {
      client.destroy();
    }
  },
};

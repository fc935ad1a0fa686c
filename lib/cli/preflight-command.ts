/**
 * `estate preflight [--plan DIR] [--account production|non-production] [--json]`: read-only checks
 * of the target account before a first deploy (images, CDK bootstrap, quotas, regions, MGN,
 * security services and roles that already exist, DMS source secrets). One line per problem with its fix; exit 1 on
 * any, 0 when clean, 2 on bad arguments or a bad plan.
 */
import { DefaultStackSynthesizer } from 'aws-cdk-lib';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { MgnClient } from '@aws-sdk/client-mgn';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { buildEstateModel } from '../estate-model/build-estate-model';
import { preflightNeeds, preflightProblems, readAccountFacts, type PreflightClients } from '../preflight';
import { awsClient } from './aws-clients';
import { dmsSourceSecrets } from '../migration/dms/source-secrets';
import { readCdkContext } from './cdk-json';
import { EXIT, UsageError, stringOption, type CliIo, type Command } from './command';
import { resolvePlanDir } from './plan-dir';
import { loadPlanForCli } from './plan-load';

/** IAM is a global service: its API lives in us-east-1 (AWS General Reference, "IAM endpoints"). */
const IAM_REGION = 'us-east-1';

function bootstrapQualifier(io: CliIo): string {
  try {
    const q = readCdkContext(io.cwd)['@aws-cdk/core:bootstrapQualifier'];
    if (typeof q === 'string' && q !== '') return q;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
  }
  return DefaultStackSynthesizer.DEFAULT_QUALIFIER;
}

function clientsFor(region: string, io: CliIo): { clients: PreflightClients; destroy: () => void } {
  const ssm = new Map<string, SSMClient>();
  const made: { destroy(): void }[] = [];
  const keep = <T extends { destroy(): void }>(c: T): T => (made.push(c), c);
  const clients: PreflightClients = {
    ec2: keep(awsClient(EC2Client, io, 'EC2', region)),
    ssm: (r) => {
      let c = ssm.get(r);
      if (!c) ssm.set(r, (c = keep(awsClient(SSMClient, io, 'SSM', r))));
      return c;
    },
    serviceQuotas: keep(awsClient(ServiceQuotasClient, io, 'SERVICE_QUOTAS', region)),
    guardDuty: keep(awsClient(GuardDutyClient, io, 'GUARDDUTY', region)),
    securityHub: keep(awsClient(SecurityHubClient, io, 'SECURITYHUB', region)),
    iam: keep(awsClient(IAMClient, io, 'IAM', IAM_REGION)),
    mgn: keep(awsClient(MgnClient, io, 'MGN', region)),
    secretsManager: keep(awsClient(SecretsManagerClient, io, 'SECRETS_MANAGER', region)),
  };
  return { clients, destroy: () => made.forEach((c) => c.destroy()) };
}

export const preflightCommand: Command = {
  path: ['preflight'],
  summary: 'Read-only checks of the target account before a first deploy (images, bootstrap, quotas, ...)',
  usage: [
    'Usage: npm run estate -- preflight [--plan DIR] [--account ROLE] [--json]',
    '',
    'Checks, without changing anything, what a first `cdk deploy` of the plan needs from one',
    'workload account: every image id the wave stacks boot exists and is available in the region',
    '(imported images owned by the account; ids marked illustrative refused), the CDK bootstrap in',
    'each region the stacks go to, the service quotas the plan needs, the regions enabled, AWS MGN',
    'initialised where servers arrive through MGN, and security services or roles that already exist',
    'but the plan would create (it names the organisation.provides field to set), and the DMS source',
    "secrets the council's DBA creates: present, not rotated, encrypted with the estate secrets key.",
    'Prints one line per problem with its fix. Exit 0: ready; 1: problems; 2: bad arguments or plan.',
    '',
    'Options:',
    '  --plan DIR       plan folder (default: cdk.json "plan" context)',
    '  --account ROLE   production (default) or non-production (a plan with accounts.nonProduction)',
    '  --json           print {account, region, problems: [{check, problem, fix}]} instead',
    '',
    'Credentials: the usual AWS chain (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...) for the chosen account.',
    'Endpoints: AWS_ENDPOINT_URL_<SERVICE> (EC2, SSM, SERVICE_QUOTAS, GUARDDUTY, SECURITYHUB, IAM, MGN,',
    '  SECRETS_MANAGER).',
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    account: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const role = stringOption(args, 'account') ?? 'production';
    if (role !== 'production' && role !== 'non-production')
      throw new UsageError(`--account ${role}: expected production or non-production`);
    const plan = loadPlanForCli(resolvePlanDir(args, io, { positional: false }), io);
    if (!plan) return EXIT.badInput;
    const model = buildEstateModel(plan);
    const account = model.accounts.find((a) => a.role === role);
    if (!account)
      throw new UsageError(
        `--account ${role}: not a workload account of this plan (one of: ${model.accounts.map((a) => a.role).join(', ')})`,
      );
    const needs = preflightNeeds(model, account, dmsSourceSecrets(model));
    const qualifier = bootstrapQualifier(io);
    const { clients, destroy } = clientsFor(needs.homeRegion, io);
    try {
      let facts;
      try {
        facts = await readAccountFacts(needs, clients, { qualifier });
      } catch (e) {
        // A read the SDK could not complete after its retries: say which, and stop (nothing changed).
        const err = e as Error;
        io.stderr(
          `preflight: could not read account ${account.account}: ${err.name}: ${err.message}. Check the credentials reach that account with read access (ec2:Describe*, ssm:GetParameter, ssm:GetDocument, servicequotas:Get*, guardduty:ListDetectors, securityhub:DescribeHub, iam:GetRole, mgn:Describe*, secretsmanager:DescribeSecret).\n`,
        );
        return EXIT.failure;
      }
      const problems = preflightProblems(needs, facts, { qualifier });
      if (args.values.json === true) {
        io.stdout(
          `${JSON.stringify({ account: account.account, role, region: needs.homeRegion, problems }, null, 2)}\n`,
        );
      } else {
        for (const p of problems) io.stdout(`${p.check}: ${p.problem}. Fix: ${p.fix}\n`);
        io.stdout(
          problems.length === 0
            ? `preflight: account ${account.account} (${role}) is ready for ${plan.estate.id} in ${needs.regions.join(', ')}\n`
            : `preflight: ${problems.length} problem${problems.length === 1 ? '' : 's'} in account ${account.account} (${role})\n`,
        );
      }
      return problems.length === 0 ? EXIT.ok : EXIT.failure;
    } finally {
      destroy();
    }
  },
};

/**
 * `estate preflight` with the real SDK clients (EC2, SSM, Service Quotas, GuardDuty, Security Hub,
 * IAM, MGN) against local endpoints on 127.0.0.1 (test/support/fake-account.ts): a ready account
 * exits 0; one with a missing image, a quota below need and no CDK bootstrap exits 1 naming each
 * with its fix; illustrative ids are refused; existing security services and roles name the
 * organisation.provides field; bad arguments exit 2 with one line. Only reads are ever sent.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEstateModel } from '../../lib/estate-model/build-estate-model';
import { runCli } from '../../lib/cli';
import { loadPlan } from '../../lib/plan';
import { preflightNeeds } from '../../lib/preflight';
import { dmsSourceSecrets } from '../../lib/migration/dms/source-secrets';
import { tempDir } from '../app/support/cdk-app';
import { captureIo } from './capture-io';
import { goodAccountState, onlyReads, startFakeAccount, type FakeAccount } from '../support/fake-account';

const SOURCE = join(__dirname, '..', '..', 'migration-plans', 'peterborough');
const ACCOUNT = '123456789012';

/** The bundled example with its illustrative ids taken as real (as after `images refresh` and imports). */
function realPlan(): string {
  const dir = tempDir('preflight-plan');
  cpSync(SOURCE, dir, { recursive: true });
  for (const f of ['image-lock.yaml', 'servers.yaml']) {
    const text = readFileSync(join(dir, f), 'utf8');
    writeFileSync(
      join(dir, f),
      text.replace(/\n\s+illustrative: true/g, '').replace(/, illustrative: true/g, ''),
    );
  }
  return dir;
}

const planDir = realPlan();
const plan = loadPlan(planDir);
const model = buildEstateModel(plan);
const needs = preflightNeeds(model, model.accounts[0]!, dmsSourceSecrets(model));

/** An account where everything the plan needs is in place. */
function readyState() {
  const state = goodAccountState(ACCOUNT);
  for (const img of needs.images)
    state.images.set(img.imageId, {
      state: 'available',
      ownerId: img.source === 'imported' ? ACCOUNT : '801119661308',
    });
  for (const q of needs.quotas) state.quotas.set(`${q.serviceCode}/${q.quotaCode}`, q.needed + 10);
  // Created by the council's DBA with the alias, as docs/organisation.md says: DescribeSecret
  // then reports the alias ARN.
  for (const s of needs.dmsSourceSecrets)
    state.secrets.set(s.name, {
      rotationEnabled: false,
      kmsKeyId: `arn:aws:kms:eu-west-2:${ACCOUNT}:${s.keyAlias}`,
    });
  return state;
}

async function preflight(state: ReturnType<typeof readyState>, ...args: string[]) {
  const fake: FakeAccount = await startFakeAccount(state);
  try {
    const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', {
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'secret',
      ...fake.env,
    });
    const code = await runCli(['preflight', ...args], io);
    return { code, out: io.out(), err: io.err(), requests: fake.requests };
  } finally {
    await fake.close();
  }
}

test('the plan needs images, both regions, and the quotas with their real codes', () => {
  expect(needs.images.length).toBeGreaterThan(5);
  expect(needs.images.some((i) => i.source === 'imported')).toBe(true);
  expect(needs.regions).toEqual(['eu-west-2', 'us-east-1']);
  expect(needs.quotas.map((q) => `${q.serviceCode}/${q.quotaCode}`).sort()).toEqual(
    ['ebs/L-309BACF6', 'ec2/L-0263D0A3', 'rds/L-272F1212', 'vpc/L-F678F1CE', 'vpc/L-FE5A380F'].sort(),
  );
});

test('a ready account exits 0, and only reads were sent', async () => {
  const r = await preflight(readyState(), '--plan', planDir);
  expect(r.err).toBe('');
  expect(r.out).toBe(
    `preflight: account ${ACCOUNT} (production) is ready for peterborough in eu-west-2, us-east-1\n`,
  );
  expect(r.code).toBe(0);
  expect(onlyReads(r.requests)).toBe(true);
  expect(new Set(r.requests.map((q) => q.service))).toEqual(
    new Set([
      'EC2',
      'SSM',
      'SERVICE_QUOTAS',
      'GUARDDUTY',
      'SECURITYHUB',
      'IAM',
      'SECRETS_MANAGER',
      ...(needs.mgnServers.length ? ['MGN'] : []),
    ]),
  );
});

test('a missing image, a quota below need and no bootstrap: exit 1, one line each with its fix', async () => {
  const state = readyState();
  const missing = needs.images.find((i) => i.source === 'base-image')!;
  state.images.delete(missing.imageId);
  const vpcs = needs.quotas.find((q) => q.quotaCode === 'L-0263D0A3')!;
  state.quotas.set('ec2/L-0263D0A3', vpcs.needed - 1);
  state.parameters.get('eu-west-2')!.clear();
  const r = await preflight(state, '--plan', planDir);
  expect(r.code).toBe(1);
  const lines = r.out.trimEnd().split('\n');
  expect(lines).toEqual([
    expect.stringMatching(
      new RegExp(
        `^image: image ${missing.imageId} \\(used by .+\\) does not exist in eu-west-2\\. Fix: run "npm run estate -- images refresh"`,
      ),
    ),
    `bootstrap: CDK bootstrap missing in eu-west-2 (no SSM parameter /cdk-bootstrap/hnb659fds/version). Fix: run "npx cdk bootstrap aws://${ACCOUNT}/eu-west-2"`,
    `quota: quota "EC2-VPC Elastic IPs" (ec2 L-0263D0A3) is ${vpcs.needed - 1} in eu-west-2; the plan needs ${vpcs.needed} (${vpcs.because}). Fix: aws service-quotas request-service-quota-increase --service-code ec2 --quota-code L-0263D0A3 --desired-value ${vpcs.needed} --region eu-west-2`,
    `preflight: 3 problems in account ${ACCOUNT} (production)`,
  ]);
});

test('an unchanged quota is read from its AWS default; an imported image of another account is refused', async () => {
  const state = readyState();
  state.quotas.delete('vpc/L-F678F1CE'); // falls back to GetAWSDefaultServiceQuota (5)
  const imported = needs.images.find((i) => i.source === 'imported')!;
  state.images.set(imported.imageId, { state: 'available', ownerId: '999999999999' });
  const r = await preflight(state, '--plan', planDir, '--json');
  expect(r.code).toBe(1);
  const report = JSON.parse(r.out) as { account: string; problems: { check: string; problem: string }[] };
  expect(report.account).toBe(ACCOUNT);
  expect(report.problems).toEqual([
    expect.objectContaining({
      check: 'image',
      problem: expect.stringContaining(`is owned by 999999999999, not by account ${ACCOUNT}`),
    }),
  ]);
  expect(r.requests.some((q) => q.op === 'GetAWSDefaultServiceQuota')).toBe(true);
});

test('security services and roles that already exist name the plan field to set', async () => {
  const state = readyState();
  state.detectors = ['d-1234'];
  state.securityHub = true;
  state.documents.add('SSM-SessionManagerRunShell');
  state.roles.add('vmimport');
  state.roles.add(plan.keyAdministration.adminRole);
  const r = await preflight(state, '--plan', planDir);
  expect(r.code).toBe(1);
  for (const field of [
    'guardDuty',
    'securityHub',
    'sessionManagerPreferences',
    'vmImportRole',
    'keyAdministrationRoles',
  ])
    expect(r.out).toContain(`set organisation.provides.${field}: true in estate.yaml`);
});

test('DMS source secrets: a missing one, one with rotation on and one under another key are each named with the fix', async () => {
  expect(needs.dmsSourceSecrets.length).toBeGreaterThanOrEqual(1);
  expect(needs.dmsSourceSecrets.map((s) => s.name)).toEqual(
    plan.databases
      .filter((d) => needs.dmsSourceSecrets.some((s) => s.database === d.id))
      .map((d) => `peterborough/dms-source/${d.id}`),
  );
  const [first] = needs.dmsSourceSecrets;
  const missing = await (async () => {
    const state = readyState();
    state.secrets.delete(first!.name);
    return preflight(state, '--plan', planDir);
  })();
  expect(missing.code).toBe(1);
  expect(missing.out).toContain(
    `dms-secret: the DMS source secret ${first!.name} (database ${first!.database}) does not exist in eu-west-2. Fix: the council's DBA creates it before the wave is deployed: aws secretsmanager create-secret --name ${first!.name} --kms-key-id ${first!.keyAlias} `,
  );
  const state = readyState();
  state.secrets.set(first!.name, { rotationEnabled: true }); // rotated, and under aws/secretsmanager
  const wrong = await preflight(state, '--plan', planDir);
  expect(wrong.code).toBe(1);
  expect(wrong.out.split('\n').filter((l) => l.startsWith('dms-secret:'))).toEqual([
    `dms-secret: the DMS source secret ${first!.name} has rotation on: a rotation would change the on-premises password of ${first!.database} over the hybrid link. Fix: aws secretsmanager cancel-rotate-secret --secret-id ${first!.name} --region eu-west-2; the DBA changes the password on the source, then in the secret`,
    `dms-secret: the DMS source secret ${first!.name} is encrypted with the AWS managed key aws/secretsmanager, not the estate key ${first!.keyAlias} that DMS's access role may use. Fix: aws secretsmanager update-secret --secret-id ${first!.name} --kms-key-id ${first!.keyAlias} --region eu-west-2`,
  ]);
  expect(onlyReads(wrong.requests)).toBe(true);
});

test('the bundled example as shipped: every illustrative id is refused', async () => {
  const r = await preflight(readyState(), '--plan', SOURCE);
  expect(r.code).toBe(1);
  expect(r.out.split('\n').filter((l) => l.includes('is marked illustrative'))).toHaveLength(
    new Set(needs.images.map((i) => i.imageId)).size,
  );
});

test('bad arguments exit 2 with one line', async () => {
  const bad = await preflight(readyState(), '--plan', planDir, '--account', 'staging');
  expect(bad.code).toBe(2);
  expect(bad.err).toBe('--account staging: expected production or non-production\n');
  // Peterborough has one workload account: there is no separate non-production one to check.
  const single = await preflight(readyState(), '--plan', planDir, '--account', 'non-production');
  expect(single.code).toBe(2);
  expect(single.err).toBe(
    '--account non-production: not a workload account of this plan (one of: production)\n',
  );
  const extra = await preflight(readyState(), planDir);
  expect(extra.code).toBe(2);
  expect(extra.err.trimEnd().split('\n')).toHaveLength(1);
});

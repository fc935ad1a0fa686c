/**
 * The audit end to end on a deliberately bad stack: a public RDS instance and an unencrypted
 * bucket. The app is synthesized for real (all three cdk-nag packs, the ledger, aws-cdk-lib's
 * validation report); runAudit reads those files and writes the report folder; the HTML page is
 * then opened in a real headless Chromium and its summary numbers checked against the JSON.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { applyCompliance, AUDIT_CONTEXT_KEY } from '../../lib/compliance';
import { runAudit, type AuditOutcome, type AuditRow, type AuditSystem } from '../../lib/compliance/audit';
import { emptyRegister } from '../../lib/compliance/register';
import { buildPlan } from '../support/plan-builder';
import { withPage } from '../support/browser';
import { tinyApp, tinyStack } from './support/tiny-app';
import { buildEstateModel } from '../../lib/estate-model';

process.env.CDK_VALIDATION = 'false'; // aws-cdk-lib's schema check is not under test; the packs are

const work = mkdtempSync(join(tmpdir(), 'audit-test-'));
const registerPath = join(work, 'compliance-register.yaml');
let outcome: AuditOutcome;
let printed = '';
let synthArgs: readonly string[] = [];

/** Synthesizes the bad app in-process into the outdir the audit asks for (instead of spawning `cdk synth`). */
function synthBadApp(outdir: string): void {
  const app = tinyApp({
    [AUDIT_CONTEXT_KEY]: 'ledger-only',
    '@aws-cdk/core:failSynthOnValidationErrors': false,
  });
  // tinyApp picks its own outdir; the audit reads the one it passed on the command line.
  const bad = tinyStack(app, 'Bad', { tags: { Estate: 'testshire' } });
  const vpc = new ec2.Vpc(bad, 'Vpc', {
    availabilityZones: ['eu-west-2a', 'eu-west-2b'],
    natGateways: 0,
    subnetConfiguration: [{ name: 'Public', subnetType: ec2.SubnetType.PUBLIC }],
  });
  new rds.DatabaseInstance(bad, 'PublicDb', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    publiclyAccessible: true,
  });
  new s3.CfnBucket(bad, 'PlainBucket');
  applyCompliance(app, buildEstateModel(buildPlan()), emptyRegister('testshire'), {
    now: new Date('2026-11-28T00:00:00Z'),
    ledger: true,
  });
  const assembly = app.synth();
  mkdirSync(outdir, { recursive: true });
  for (const f of ['validation-report.json', 'compliance-ledger.json']) {
    writeFileSync(join(outdir, f), readFileSync(join(assembly.directory, f)));
  }
}

beforeAll(async () => {
  writeFileSync(registerPath, 'estate: testshire\nowner: ICT Security\n');
  const system: AuditSystem = {
    run: async (_cmd, args) => {
      synthArgs = args;
      synthBadApp(args[args.indexOf('-o') + 1]!);
      return { code: 1, stdout: '', stderr: '' };
    },
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, t) => writeFileSync(p, t),
    exists: (p) => existsSync(p),
    makeDir: (p) => mkdirSync(p, { recursive: true }),
    removeDir: (p) => rmSync(p, { recursive: true, force: true }),
  };
  outcome = await runAudit(
    system,
    {
      cwd: work,
      env: {},
      planDir: 'plan',
      registerPath,
      outdir: join(work, 'cdk.out'),
      reportDir: join(work, 'reports'),
      now: new Date('2026-11-28T09:30:00Z'),
      controlTower: false,
    },
    (t) => (printed += t),
  );
});

function rowsFor(rule: string, path: string): AuditRow[] {
  return (outcome.audit?.rows ?? []).filter((r) => r.ruleId.startsWith(rule) && r.resourcePath === path);
}

test('the audit asks cdk synth for every pack, the ledger and a readable report', () => {
  expect(synthArgs).toEqual(
    expect.arrayContaining([
      'synth',
      `${AUDIT_CONTEXT_KEY}=ledger-only`,
      '@aws-cdk/core:failSynthOnValidationErrors=false',
      'estate:today=2026-11-28',
    ]),
  );
});

test('the audit fails (exit 1) and names the public database and the unencrypted bucket', () => {
  expect(outcome.code).toBe(1);
  expect(rowsFor('UKPublicSector-NoPublicAccess', 'Bad/PublicDb/Resource')).toMatchObject([
    { status: 'fail', level: 'error', ncsc: '11' },
  ]);
  expect(rowsFor('UKPublicSector-CustomerManagedKey', 'Bad/PlainBucket')).toMatchObject([
    { status: 'fail', level: 'error', ncsc: '2, 13' },
  ]);
  expect(rowsFor('NIST.800.53.R5-RDSInstancePublicAccess', 'Bad/PublicDb/Resource')).toMatchObject([
    { status: 'fail' },
  ]);
  expect(rowsFor('AwsSolutions-S10', 'Bad/PlainBucket')).toMatchObject([
    { status: 'fail', pack: 'AwsSolutions' },
  ]);
  expect(printed).toContain('ERROR UKPublicSector-NoPublicAccess Bad/PublicDb/Resource');
});

test('passes are listed too, and rules that applied to nothing appear once as not applicable', () => {
  expect(rowsFor('UKPublicSector-AllowedRegion', 'Bad/PublicDb/Resource')).toMatchObject([
    { status: 'pass' },
  ]);
  const na = outcome.audit?.rows.filter(
    (r) => r.ruleId === 'UKPublicSector-SecretRotation' || r.ruleId === 'UKPublicSector-InternetIngress',
  );
  expect(na?.every((r) => r.status !== 'not-applicable')).toBe(true); // both apply to resources here
  expect(outcome.audit?.rows.find((r) => r.ruleId === 'AwsSolutions-EKS1')).toMatchObject({
    status: 'not-applicable',
    resourcePath: '',
  });
});

test("every error in aws-cdk-lib's validation report is an unsuppressed error row", () => {
  const report = JSON.parse(readFileSync(join(work, 'cdk.out', 'validation-report.json'), 'utf8')) as {
    pluginReports: {
      violations: { ruleName: string; severity: string; violatingConstructs: { constructPath: string }[] }[];
    }[];
  };
  const reported = report.pluginReports.flatMap((p) =>
    p.violations
      .filter((v) => v.severity === 'error')
      .flatMap((v) => v.violatingConstructs.map((c) => `${v.ruleName} ${c.constructPath}`)),
  );
  const rows = (outcome.audit?.rows ?? []).filter(
    (r) => (r.status === 'fail' || r.status === 'error') && r.level === 'error',
  );
  expect(new Set(rows.map((r) => `${r.ruleId} ${r.resourcePath}`))).toEqual(new Set(reported));
  expect(outcome.audit?.totals.unsuppressedErrors).toBe(reported.length);
});

test('CSV and JSON hold the same rows', () => {
  const json = JSON.parse(readFileSync(join(work, 'reports', 'findings.json'), 'utf8')) as {
    rows: AuditRow[];
  };
  const csv = readFileSync(join(work, 'reports', 'findings.csv'), 'utf8')
    .trimEnd()
    .split('\r\n');
  expect(json.rows).toHaveLength(outcome.audit!.rows.length);
  expect(csv).toHaveLength(json.rows.length + 1);
  expect(csv[0]).toBe('pack,stack,ruleId,resourcePath,resourceType,level,status,ncsc,description,reason');
});

test('the HTML report, opened in headless Chromium, shows the JSON summary numbers', async () => {
  const json = JSON.parse(readFileSync(join(work, 'reports', 'findings.json'), 'utf8')) as {
    summary: {
      totals: Record<string, number>;
      byPack: Record<string, Record<string, number>>;
      byStack: Record<string, Record<string, number>>;
    };
    rows: unknown[];
  };
  const page = await withPage(async (p) => {
    await p.goto(`file://${join(work, 'reports', 'index.html')}`);
    // A string so the test needs no DOM typings; it runs inside the page.
    return p.evaluate(`(async () => {
      await window.auditReport.openAll();
      const table = (id) =>
        Object.fromEntries(
          [...document.querySelectorAll('#' + id + ' tbody tr')].map((tr) => [
            tr.getAttribute('data-name'),
            Object.fromEntries([...tr.querySelectorAll('td')].map((td) => [td.getAttribute('data-count'), Number(td.textContent)])),
          ]),
        );
      return {
        packs: table('summary-packs'),
        stacks: table('summary-stacks'),
        findingRows: document.querySelectorAll('#findings tr.finding').length,
        verdict: document.querySelector('.verdict')?.textContent ?? '',
      };
    })()`) as Promise<{
      packs: Record<string, Record<string, number>>;
      stacks: Record<string, Record<string, number>>;
      findingRows: number;
      verdict: string;
    }>;
  });
  const pick = (c: Record<string, number>) => ({
    unsuppressedErrors: c.unsuppressedErrors,
    warnings: c.warnings,
    fail: c.fail,
    error: c.error,
    suppressed: c.suppressed,
    pass: c.pass,
    'not-applicable': c['not-applicable'],
  });
  for (const [pack, counts] of Object.entries(json.summary.byPack))
    expect(page.packs[pack]).toEqual(pick(counts));
  for (const [stack, counts] of Object.entries(json.summary.byStack))
    expect(page.stacks[stack]).toEqual(pick(counts));
  expect(page.packs.Total).toEqual(pick(json.summary.totals));
  expect(page.findingRows).toBe(json.rows.length);
  expect(page.verdict).toContain(`${json.summary.totals.unsuppressedErrors} unsuppressed error(s)`);
});

test('an expired acceptance fails the audit even on a clean app, and the report shows the break-glass reason', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'audit-expired-'));
  const register = join(dir, 'compliance-register.yaml');
  writeFileSync(
    register,
    [
      'estate: testshire',
      'owner: ICT Security',
      'suppressions:',
      '  - rule: AwsSolutions-S1',
      '    scope: Clean/**',
      '    reason: Access logs for this bucket are collected by the central organisation trail',
      '    acceptedBy: Head of ICT Security',
      "    reviewBy: '2027-01-31'",
      '',
    ].join('\n'),
  );
  const args: string[] = [];
  const system: AuditSystem = {
    run: async (_cmd, a) => {
      args.push(...a);
      const out = a[a.indexOf('-o') + 1]!;
      mkdirSync(out, { recursive: true });
      writeFileSync(join(out, 'validation-report.json'), JSON.stringify({ pluginReports: [] }));
      return { code: 0, stdout: '', stderr: '' };
    },
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, t) => writeFileSync(p, t),
    exists: (p) => existsSync(p),
    makeDir: (p) => mkdirSync(p, { recursive: true }),
    removeDir: (p) => rmSync(p, { recursive: true, force: true }),
  };
  let out = '';
  const result = await runAudit(
    system,
    {
      cwd: dir,
      env: {},
      planDir: 'plan',
      registerPath: register,
      outdir: join(dir, 'cdk.out'),
      reportDir: join(dir, 'reports'),
      now: new Date('2031-06-01T00:00:00Z'),
      controlTower: false,
      breakGlass: 'Restoring the revenues service after an incident on 1 June',
      productRegister: emptyRegister('council-estate-migration'),
    },
    (t) => (out += t),
  );
  expect(result.code).toBe(1);
  expect(args).toEqual(
    expect.arrayContaining([
      'estate:today=2031-06-01',
      'estate:break-glass=Restoring the revenues service after an incident on 1 June',
    ]),
  );
  expect(out).toContain(
    'EXPIRED compliance-register.yaml:4:5 suppressions[0].reviewBy: suppression of AwsSolutions-S1 on "Clean/**" expired on 2027-01-31',
  );
  const json = JSON.parse(readFileSync(join(dir, 'reports', 'findings.json'), 'utf8')) as {
    meta: { breakGlass: string; expired: string[] };
  };
  expect(json.meta.breakGlass).toBe('Restoring the revenues service after an incident on 1 June');
  expect(json.meta.expired).toHaveLength(1);
  expect(readFileSync(join(dir, 'reports', 'index.html'), 'utf8')).toContain('id="break-glass"');
});

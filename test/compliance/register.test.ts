/**
 * The compliance register: loading errors (with file:line like the plan loader's), expiry against
 * the clock passed in, scopes that match nothing, acknowledgements reaching cdk-nag, and the rule
 * that no other file in the code base acknowledges a finding.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ComplianceLedger } from '../../lib/compliance/ledger';
import {
  applyRegister,
  loadDefaultRegister,
  loadRegister,
  parseRegister,
  RegisterError,
  scopeMatches,
  type ComplianceRegister,
} from '../../lib/compliance/register';
import { UkPublicSectorChecks } from '../../lib/compliance/uk-public-sector';
import { tinyApp, tinyStack } from './support/tiny-app';

process.env.CDK_VALIDATION = 'false';

const NOW = new Date('2026-11-28T09:00:00Z');
const GOOD_REASON =
  'Access logs for this bucket are collected by the central CloudTrail data-event trail instead';

function yaml(entries: string): string {
  return `estate: testshire\nowner: ICT Security\nsuppressions:\n${entries}`;
}

function entry(fields: { rule?: string; scope?: string; reason?: string; reviewBy?: string } = {}): string {
  return [
    `  - rule: ${fields.rule ?? 'UKPublicSector-CustomerManagedKey'}`,
    `    scope: "${fields.scope ?? 'CmkBad/S3Managed'}"`,
    `    reason: "${fields.reason ?? GOOD_REASON}"`,
    `    acceptedBy: Jane Smith, Head of ICT Security`,
    `    approverRole: SIRO`, // the tiny stacks hold OFFICIAL-SENSITIVE data
    `    reviewBy: "${fields.reviewBy ?? '2027-06-30'}"`,
    '',
  ].join('\n');
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof RegisterError) return e.lines();
    throw e;
  }
  throw new Error('expected a RegisterError');
}

describe('loading', () => {
  test('a valid register loads with each entry located by line', () => {
    const r = parseRegister('compliance-register.yaml', yaml(entry() + entry({ rule: 'AwsSolutions-S1' })));
    expect(r.suppressions).toHaveLength(2);
    expect(r.suppressions[1]).toMatchObject({
      rule: 'AwsSolutions-S1',
      location: { file: 'compliance-register.yaml', line: 10 },
    });
  });

  test('a short reason is rejected with file:line and field path', () => {
    expect(
      problemsOf(() =>
        parseRegister('compliance-register.yaml', yaml(entry() + entry({ reason: 'risk accepted' }))),
      ),
    ).toEqual([
      'compliance-register.yaml:12:13 suppressions[1].reason: must be a reason of at least 20 characters saying why the finding is acceptable (received "risk accepted")',
    ]);
  });

  test.each(['false positive, not needed here', 'Not needed. False positive. TBD later on'])(
    'a brush-off is rejected: %s',
    (reason) => {
      const [line] = problemsOf(() => parseRegister('r.yaml', yaml(entry({ reason }))));
      expect(line).toMatch(/^r\.yaml:6:13 suppressions\[0\]\.reason: must be a reason that explains why/);
    },
  );

  test('"false positive" followed by the why is accepted', () => {
    const r = parseRegister(
      'r.yaml',
      yaml(
        entry({
          reason:
            'False positive: the instance is placed in a subnet through its network interface, which this rule does not read',
        }),
      ),
    );
    expect(r.suppressions).toHaveLength(1);
  });

  test('a bad date and a missing field are both reported, each with its line', () => {
    const text = yaml(entry({ reviewBy: '2027-02-30' })) + '  - rule: AwsSolutions-S1\n    scope: X\n';
    expect(problemsOf(() => parseRegister('r.yaml', text))).toEqual([
      'r.yaml:9:15 suppressions[0].reviewBy: must be a real calendar date (received "2027-02-30")',
      'r.yaml:10:5 suppressions[1].reason: is required (received nothing)',
      'r.yaml:10:5 suppressions[1].acceptedBy: is required (received nothing)',
      'r.yaml:10:5 suppressions[1].reviewBy: is required (received nothing)',
    ]);
  });

  test('invalid YAML and a missing file are clear one-line problems', () => {
    expect(problemsOf(() => parseRegister('r.yaml', 'estate: [unclosed\n'))[0]).toMatch(
      /^r\.yaml:\d+:\d+: is not valid YAML/,
    );
    const missing = join(tmpdir(), 'no-such-register.yaml');
    expect(problemsOf(() => loadRegister(missing))).toEqual([
      `${missing}: cannot be read (ENOENT); create it or pass another register path`,
    ]);
  });

  test('a plan folder without a register suppresses nothing; a named register that is missing is an error', () => {
    const missing = join(tmpdir(), 'no-such-plan', 'compliance-register.yaml');
    expect(loadDefaultRegister(missing, 'testshire')).toMatchObject({
      estate: 'testshire',
      suppressions: [],
      disabledControls: [],
    });
    expect(() => loadRegister(missing)).toThrow(RegisterError);
  });

  test('the bundled register loads', () => {
    const r = loadRegister(
      join(__dirname, '..', '..', 'migration-plans', 'peterborough', 'compliance-register.yaml'),
    );
    expect(r.estate).toBe('peterborough');
  });
});

describe('scope patterns', () => {
  test.each([
    ['Stack/Bucket', 'Stack/Bucket', true],
    ['Stack/*', 'Stack/Bucket', true],
    ['Stack/*', 'Stack/Bucket/Resource', false],
    ['Stack/**', 'Stack/Bucket/Resource', true],
    ['**/Role', 'A/B/C/Role', true],
    ['Peterborough-Wave*/**/ServerRole', 'Peterborough-Wave01-Wave1-Gis/ServerRole', true],
    ['Peterborough-Wave*/**/ServerRole', 'Peterborough-Backup/ServerRole', false],
    ['Stack/Bu.ket', 'Stack/Bucket', false],
    ['W*/{GisDb,MonDb}/Instance', 'W1/MonDb/Instance', true],
    ['W*/{GisDb,MonDb}/Instance', 'W1/WebDb/Instance', false],
    ['W*/Pcc{Dev,Test}*', 'W1/PccDevWeb01', true],
    // The last segment is tested on its own first: a pattern ending in ** still matches its stem.
    ['Stack/**', 'Stack', true],
    ['**/Role', 'A/B/C/RoleX', false],
    ['*-Wave*/*/Instance', 'P-Wave01-App/Db/Instance', true],
    ['*-Wave*/*/Instance', 'P-Wave01-App/Db/Instances', false],
    ['*-Wave*/*/Instance', 'P-Backup/Db/Instance', false],
    ['*-{Wave*,Backup}/**/{AgentPolicy,Other}/Resource', 'P-Backup/A/B/AgentPolicy/Resource', true],
  ])('%s against %s: %s', (pattern, path, expected) => expect(scopeMatches(pattern, path)).toBe(expected));
});

describe('applying to an app', () => {
  function appWithBadBucket() {
    const app = tinyApp();
    new s3.Bucket(tinyStack(app, 'CmkBad'), 'S3Managed', { encryption: s3.BucketEncryption.S3_MANAGED });
    return app;
  }

  function registerOf(text: string): ComplianceRegister {
    return parseRegister('compliance-register.yaml', text);
  }

  test('an expired entry is an error naming the entry, its line and what to do', () => {
    const reg = registerOf(yaml(entry({ reviewBy: '2026-11-27' })));
    expect(problemsOf(() => applyRegister(appWithBadBucket(), reg, NOW))).toEqual([
      'compliance-register.yaml:4:5 suppressions[0].reviewBy: suppression of UKPublicSector-CustomerManagedKey on "CmkBad/S3Managed" expired on 2026-11-27; Jane Smith, Head of ICT Security must review it and set a new date, or fix the finding (received "2026-11-27"; allowed: 2026-11-28 or later)',
    ]);
  });

  test('an entry reviewed today is still valid', () => {
    expect(() =>
      applyRegister(appWithBadBucket(), registerOf(yaml(entry({ reviewBy: '2026-11-28' }))), NOW),
    ).not.toThrow();
  });

  test('an entry that matches no construct is an error', () => {
    const reg = registerOf(yaml(entry({ scope: 'CmkBad/NoSuchBucket' })));
    expect(problemsOf(() => applyRegister(appWithBadBucket(), reg, NOW))).toEqual([
      'compliance-register.yaml:4:5 suppressions[0].scope: suppression of UKPublicSector-CustomerManagedKey matches no construct in the app; correct the pattern or remove the entry (received "CmkBad/NoSuchBucket")',
    ]);
  });

  test('a matching entry suppresses the finding in cdk-nag, and the ledger records it with its reason', () => {
    const app = appWithBadBucket();
    const applied = applyRegister(app, registerOf(yaml(entry())), NOW);
    expect(applied[0]?.constructPaths).toEqual(['CmkBad/S3Managed']);
    app.synth();
    const ledger = new ComplianceLedger();
    const report = new UkPublicSectorChecks(app, { allowedRegions: ['eu-west-2'], ledger }).validateScope(
      app,
    );
    expect(report.violations.map((v) => v.ruleName)).not.toContain('UKPublicSector-CustomerManagedKey');
    const row = ledger.toFindings().find((f) => f.ruleId === 'UKPublicSector-CustomerManagedKey');
    expect(row).toMatchObject({ status: 'suppressed', constructPath: 'CmkBad/S3Managed/Resource' });
    expect(row?.reason).toContain(GOOD_REASON);
    expect(row?.reason).toContain('Jane Smith');
  });

  test('without the entry the same finding is a violation (the suppression is what hides it)', () => {
    const app = appWithBadBucket();
    app.synth();
    const report = new UkPublicSectorChecks(app, { allowedRegions: ['eu-west-2'] }).validateScope(app);
    expect(report.violations.map((v) => v.ruleName)).toContain('UKPublicSector-CustomerManagedKey');
  });

  test('a register file on disk is applied end to end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'register-'));
    writeFileSync(join(dir, 'compliance-register.yaml'), yaml(entry()));
    expect(
      applyRegister(appWithBadBucket(), loadRegister(join(dir, 'compliance-register.yaml')), NOW),
    ).toHaveLength(1);
  });
});

test('no file outside lib/compliance/register acknowledges a finding, but the product decision on pinned zones', () => {
  const root = join(__dirname, '..', '..');
  // A call of aws-cdk-lib's Validations acknowledgement, or of lib/compliance/acknowledge.ts's helper.
  const call = new RegExp(['(^|[^\\w])ack', 'nowledge\\s*\\('].join(''), 'm');
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (
        ['node_modules', '.git', 'cdk.out', 'reports', '.cache', '.bench', 'coverage'].includes(name) ||
        name.startsWith('cdk.out')
      )
        continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(ts|js|mjs|cjs)$/.test(name) && call.test(readFileSync(full, 'utf8')))
        offenders.push(relative(root, full));
    }
  };
  walk(root);
  // lib/app/pinned-zones.ts: the one product-level decision (W3010, pinned availability zones),
  // with its reason; it belongs in the product register once that exists.
  // lib/app/mgn-resource-types.ts: the second product decision (F3006 on the AWS::MGN::* resources
  // only: the validator's data lacks those CloudFormation types), for the same reason: it must
  // hold for every synth, and F3006 is an error.
  // lib/app/access-log-object-lock.ts: the Control Tower Object Lock check on server-access-log
  // destinations only, where S3 forbids Object Lock (tested to still fail on any other bucket).
  // lib/app/forced-wildcards.ts: AwsSolutions-IAM5 for the resource patterns AWS forces on the
  // backup copy's two policies, listed with reasons by the construct (any other wildcard fails).
  // lib/app/pinned-images.ts: W9010 (AMI id in the template) on the migrated servers' instances
  // only, whose ids the image lock pins by design (an AMI id anywhere else still warns).
  // lib/compliance/acknowledge.ts: the one call of Validations.acknowledge, for all of these.
  expect(offenders.sort()).toEqual([
    'lib/app/access-log-object-lock.ts',
    'lib/app/forced-wildcards.ts',
    'lib/app/mgn-resource-types.ts',
    'lib/app/pinned-images.ts',
    'lib/app/pinned-zones.ts',
    'lib/compliance/acknowledge.ts',
    'lib/compliance/register/apply-register.ts',
    // The helper's own test, on a stack of its own.
    'test/compliance/acknowledge.test.ts',
  ]);
});

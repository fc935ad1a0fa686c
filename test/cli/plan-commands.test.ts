import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../lib/cli';
import { planShowCommand, planShowModel } from '../../lib/cli/plan-show';
import { planValidateCommand } from '../../lib/cli/plan-validate';
import { ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from '../../lib/app/plan-checks';
import { buildEstateModel, serverDecision } from '../../lib/estate-model';
import { loadPlan } from '../../lib/plan';
import { rightSizeDatabase, rightSizeServer } from '../../lib/sizing';
import { captureIo } from './capture-io';

const VALID = 'test/fixtures/plans/valid-small';
// The gold database's snapshots exceed the default RDS snapshot quota: one warning.
const VALID_LINE = `Plan ${VALID} is valid: 2 applications, 2 waves, 3 servers, 2 databases; 1 warning\n`;
const QUOTA_WARNING =
  /^warning: databases\.yaml:\d+:\d+ databases: AWS Backup will keep \d+ RDS snapshots at once/;

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'plan-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('plan validate', () => {
  test('a valid plan prints one summary line and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', VALID], io)).toBe(0);
    expect(io.out()).toBe(VALID_LINE);
    expect(io.err()).toMatch(QUOTA_WARNING);
  });

  test('software leaving support: exit 0, one warning per item with the date and its public source', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', 'test/fixtures/plans/end-of-support'], io)).toBe(0);
    expect(io.out()).toBe(
      'Plan test/fixtures/plans/end-of-support is valid: 2 applications, 2 waves, 3 servers, 2 databases; 3 warnings\n',
    );
    const lines = io.err().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^warning: servers\.yaml:\d+:\d+ servers\[1\]\.os\.version: Windows Server 2016: .* on 2027-01-12 \(source: https:\/\/learn\.microsoft\.com\/en-us\/lifecycle\/products\/windows-server-2016\)/,
      ),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^warning: databases\.yaml:\d+:\d+ databases\[1\]\.version: Amazon RDS for MySQL 8\.0: .* on 2026-07-31 \(source: https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\//,
      ),
    );
  });

  test('plan show lists the warnings after the tables, and in --json', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'show', 'test/fixtures/plans/end-of-support'], io)).toBe(0);
    expect(io.out()).toMatch(
      /\nWarnings \(3\)\n {2}servers\.yaml:\d+:\d+ servers\[1\]\.os\.version: Windows Server 2016/,
    );
    const json = captureIo();
    expect(await runCli(['plan', 'show', 'test/fixtures/plans/end-of-support', '--json'], json)).toBe(0);
    expect((JSON.parse(json.out()) as { warnings: string[] }).warnings).toHaveLength(3);
  });

  test('a plan with servers from an MGN import CSV is valid', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', 'test/fixtures/plans/valid-mgn-csv'], io)).toBe(0);
    expect(io.out()).toBe(
      'Plan test/fixtures/plans/valid-mgn-csv is valid: 2 applications, 2 waves, 3 servers, 2 databases; 1 warning\n',
    );
  });

  test('without a dir it uses the "plan" context value from cdk.json under io.cwd', async () => {
    const cwd = join(scratch, 'with-context');
    cpSync(VALID, join(cwd, 'plans', 'council'), { recursive: true });
    writeFileSync(join(cwd, 'cdk.json'), JSON.stringify({ context: { plan: 'plans/council' } }));
    const io = captureIo(cwd);
    expect(await runCli(['plan', 'validate'], io)).toBe(0);
    expect(io.out()).toBe(
      'Plan plans/council is valid: 2 applications, 2 waves, 3 servers, 2 databases; 1 warning\n',
    );
  });

  test('the bundled example (the cdk.json default) is valid', async () => {
    const io = captureIo(resolve(__dirname, '..', '..'));
    expect(await runCli(['plan', 'validate'], io)).toBe(0);
    expect(io.out()).toMatch(
      /^Plan migration-plans\/peterborough is valid: \d+ applications, \d+ waves, \d+ servers, \d+ databases; \d+ warnings\n$/,
    );
    expect(io.err()).toMatch(/^warning: /);
  });

  test('a relative dir resolves against io.cwd, not the process directory', async () => {
    const io = captureIo(resolve('test/fixtures/plans'));
    expect(await runCli(['plan', 'validate', 'valid-small'], io)).toBe(0);
    expect(io.out()).toBe(
      'Plan valid-small is valid: 2 applications, 2 waves, 3 servers, 2 databases; 1 warning\n',
    );
  });

  test('without a dir and without cdk.json it says what to pass', async () => {
    const io = captureIo(scratch);
    expect(await runCli(['plan', 'validate'], io)).toBe(2);
    expect(io.err()).toBe(
      `No plan folder given and no cdk.json in ${scratch} to take the "plan" context from. Pass one with --plan <dir>.\n`,
    );
  });

  test('cdk.json without a plan context value is explained', async () => {
    const cwd = join(scratch, 'no-context');
    cpSync(VALID, join(cwd, 'x'), { recursive: true });
    writeFileSync(join(cwd, 'cdk.json'), '{"context":{}}');
    const io = captureIo(cwd);
    expect(await runCli(['plan', 'validate'], io)).toBe(2);
    expect(io.err()).toBe(
      `No plan folder given and ${join(cwd, 'cdk.json')} has no "plan" context value. Pass one with --plan <dir>.\n`,
    );
  });

  test('two folders is a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', 'a', 'b'], io)).toBe(2);
    expect(io.err()).toBe('Expected at most one plan folder, got 2: a b\n');
  });

  test('--help prints the usage and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', '--help'], io)).toBe(0);
    expect(io.out()).toBe(`${planValidateCommand.usage}\n`);
    expect(io.out()).toContain('Usage: npm run estate -- plan validate [--plan DIR | DIR]');
  });

  test('an unknown option is rejected with the usage', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', '--jsn', VALID], io)).toBe(2);
    expect(io.err()).toContain("Unknown option '--jsn'");
    expect(io.err()).toContain('Usage: npm run estate -- plan validate [--plan DIR | DIR]');
  });
});

describe('plan show', () => {
  const plan = loadPlan(VALID, { checks: ESTATE_PLAN_CHECKS, warnings: ESTATE_PLAN_WARNINGS });
  const app = (id: string) => plan.applications.find((a) => a.id === id)!;
  const sized = (id: string) => {
    const s = plan.servers.find((x) => x.id === id)!;
    return rightSizeServer(s, app(s.application));
  };

  test('prints waves, servers and databases as aligned tables', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'show', VALID], io)).toBe(0);
    const lines = io.out().split('\n');
    expect(lines.slice(0, 7)).toEqual([
      `Plan ${VALID}: Testshire District Council (testshire), account 123456789012, eu-west-2`,
      '',
      'Waves (2)',
      'ORDER  ID      NAME   CUTOVER  DECOMMISSION  SERVERS  DATABASES',
      '1      wave-1  Pilot  2026-06  2026-08       2        1',
      '2      wave-2  Core   2026-09  2026-11       1        1',
      '',
    ]);
    expect(lines[7]).toBe('Servers (3)');
    const header = lines[8]!;
    expect(header).toMatch(
      /^ID {15}HOSTNAME {2}APPLICATION {2}WAVE {4}STRATEGY {2}ROUTE {2}VCPU {2}MEM GIB {2}DISK GIB {2}INSTANCE TYPE +AZ +ACCOUNT +REASON$/,
    );
    const typeCol = header.indexOf('INSTANCE TYPE');
    const azCol = header.indexOf('AZ ');
    const accountCol = header.indexOf('ACCOUNT');
    const reasonCol = header.indexOf('REASON');
    // Sorted by wave order, then id.
    const rows = lines.slice(9, 12);
    expect(rows.map((r) => r.split(' ')[0])).toEqual(['intranet-web-01', 'legacy-fax-01', 'revenues-app-01']);
    const web = sized('intranet-web-01');
    expect(rows[0]!.slice(typeCol, azCol).trim()).toBe(web.instanceType);
    expect(rows[0]!.slice(azCol, accountCol).trim()).toBe(
      serverDecision(buildEstateModel(plan), 'intranet-web-01').placement.availabilityZone,
    );
    // A single-account plan: every built item goes to that account.
    expect(rows[0]!.slice(accountCol, reasonCol).trim()).toBe('123456789012');
    expect(rows[0]!.slice(reasonCol)).toBe(web.reason);
    expect(
      rows[0]!.startsWith(
        'intranet-web-01  INTWEB01  intranet     wave-1  rehost    mgn    2     4        40        ',
      ),
    ).toBe(true);
    expect(rows[1]!.slice(typeCol, azCol).trim()).toBe('-');
    expect(rows[1]!.slice(azCol, accountCol).trim()).toBe('-');
    expect(rows[1]!.slice(accountCol, reasonCol).trim()).toBe('-');
    expect(rows[1]!.slice(reasonCol)).toBe('strategy retire: no EC2 instance is built');
    expect(rows[2]!.slice(typeCol, azCol).trim()).toBe(sized('revenues-app-01').instanceType);
    expect(lines[12]).toBe('');
    expect(lines[13]).toBe('Databases (2)');
    const dbHeader = lines[14]!;
    const classCol = dbHeader.indexOf('INSTANCE CLASS');
    const dbAccountCol = dbHeader.indexOf('ACCOUNT');
    const dbReasonCol = dbHeader.indexOf('REASON');
    const db = plan.databases.find((d) => d.id === 'revenues-db')!;
    const dbSized = rightSizeDatabase(db, app('revenues'));
    expect(
      lines[16]!.startsWith(
        'revenues-db  revenues     wave-2  sqlserver   standard  2019     250       yes  replatform  native-backup',
      ),
    ).toBe(true);
    expect(lines[16]!.slice(classCol, dbAccountCol).trim()).toBe(dbSized.instanceClass);
    expect(lines[16]!.slice(dbReasonCol)).toBe(
      `${dbSized.reason}; highAvailability: true and the gold tier agree: Multi-AZ`,
    );
    expect(lines.slice(17, 21)).toEqual([
      '',
      'Accounts (2)',
      'ROLE        ACCOUNT       STACKS                    VPC           APPLICATIONS',
      'production  123456789012  Testshire-*               10.40.0.0/16  revenues, intranet',
    ]);
    expect(lines[21]).toBe('backup      123456789012  Testshire-RecoveryVault*  -             -');
    expect(lines.slice(22, 24)).toEqual(['', 'Warnings (1)']);
    expect(lines[24]).toMatch(/^ {2}databases\.yaml:\d+:\d+ databases: AWS Backup will keep/);
    expect(lines.slice(25)).toEqual(['']);
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
  });

  test('--json prints the same model as JSON', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'show', VALID, '--json'], io)).toBe(0);
    const json = JSON.parse(io.out());
    expect(json).toEqual(JSON.parse(JSON.stringify(planShowModel(plan, VALID))));
    expect(json.waves.map((w: { id: string }) => w.id)).toEqual(['wave-1', 'wave-2']);
    // The whole estate model is exposed, decisions and all; the plan sections it carries for the
    // stacks (`settings`, `planned`) are the plan as read, not decisions, and are not printed again.
    const { settings, planned, ...decisions } = buildEstateModel(plan);
    expect(settings.estate.id).toBe(json.estate.id);
    expect(planned.servers.map((s) => s.id).sort()).toEqual(
      json.servers.map((s: { id: string }) => s.id).sort(),
    );
    expect(json.model).toEqual(JSON.parse(JSON.stringify(decisions)));
    expect(Object.keys(json.model)).not.toContain('settings');
    expect(Object.keys(json.model)).not.toContain('planned');
    expect(
      json.model.servers.map((s: { id: string; landingZone: boolean }) => [s.id, s.landingZone]).sort(),
    ).toEqual([
      ['intranet-web-01', true],
      ['legacy-fax-01', false],
      ['revenues-app-01', true],
    ]);
    const fax = json.servers.find((s: { id: string }) => s.id === 'legacy-fax-01');
    expect(fax).toEqual({
      id: 'legacy-fax-01',
      hostname: 'FAX01',
      application: 'intranet',
      wave: 'wave-1',
      strategy: 'retire',
      entryRoute: 'none',
      vcpu: 1,
      memoryGiB: 2,
      diskGiB: 60,
      instanceType: null,
      overridden: false,
      availabilityZone: null,
      account: null,
      tenancy: null,
      reason: 'strategy retire: no EC2 instance is built',
    });
    const web = json.servers.find((s: { id: string }) => s.id === 'intranet-web-01');
    expect(web.instanceType).toBe(sized('intranet-web-01').instanceType);
    expect(json.databases.map((d: { id: string; edition: string | null }) => [d.id, d.edition])).toEqual([
      ['intranet-db', null],
      ['revenues-db', 'standard'],
    ]);
  });

  test('a bad plan lists its problems and exits 2, like validate', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'show', 'test/fixtures/plans/bad-enum'], io)).toBe(2);
    expect(io.out()).toBe('');
    expect(io.err()).toBe(
      'Plan test/fixtures/plans/bad-enum has 1 problem:\n' +
        '  estate.yaml:30:5 applications[0].tier: is not one of the allowed values (received "platinum"; allowed: gold, silver, bronze)\n',
    );
  });

  test('--help prints the usage and exits 0', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'show', '--help'], io)).toBe(0);
    expect(io.out()).toBe(`${planShowCommand.usage}\n`);
    expect(io.out()).toContain('--json');
  });
});

describe('plan show of an estate with a separate non-production account (Northvale)', () => {
  test('--json shows each account, its stacks and applications, and every item\u2019s account', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'show', 'migration-plans/northvale', '--json'], io)).toBe(0);
    const json = JSON.parse(io.out()) as {
      accounts: {
        role: string;
        account: string;
        stacks: string;
        vpcCidr: string | null;
        applications: string[];
      }[];
      servers: { id: string; account: string | null }[];
      databases: { id: string; account: string | null }[];
      model: { stacks: { name: string; account: { role: string; account: string } }[] };
    };
    expect(json.accounts).toEqual([
      {
        role: 'production',
        account: '444455556666',
        stacks: 'Northvale-* except Northvale-NonProduction-*, Northvale-RecoveryVault*',
        vpcCidr: '10.80.0.0/16',
        applications: ['waste-fleet', 'licensing', 'customer-portal'],
      },
      {
        role: 'non-production',
        account: '555566667777',
        stacks: 'Northvale-NonProduction-*',
        vpcCidr: '10.81.0.0/16',
        applications: ['portal-test'],
      },
      {
        role: 'backup',
        account: '777788889999',
        stacks: 'Northvale-RecoveryVault*',
        vpcCidr: null,
        applications: [],
      },
    ]);
    const accountOf = (items: { id: string; account: string | null }[], id: string) =>
      items.find((i) => i.id === id)?.account;
    expect(accountOf(json.servers, 'portal-test-01')).toBe('555566667777');
    expect(accountOf(json.databases, 'portal-test-db')).toBe('555566667777');
    expect(accountOf(json.servers, 'portal-web-01')).toBe('444455556666');
    expect(accountOf(json.servers, 'old-scanner-01')).toBeNull();
    expect(json.model.stacks.find((s) => s.account.role === 'non-production')?.name).toBe(
      'Northvale-NonProduction-Wave01-Pilot-PortalTest',
    );
  });
});

import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlan, PlanError, readMgnCsv } from '../../lib/plan';

const VALID = 'test/fixtures/plans/valid-small';
let scratch: string;
let n = 0;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'plan-loader-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the valid plan with some files replaced; returns the problem lines (or [] if valid). */
function load(files: Record<string, string | Buffer | null>): string[] {
  const dir = join(scratch, String(n++));
  cpSync(VALID, dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    if (content === null) rmSync(join(dir, name));
    else writeFileSync(join(dir, name), content);
  }
  try {
    loadPlan(dir, { name: 'plan' });
    return [];
  } catch (e) {
    if (e instanceof PlanError) return e.lines();
    throw e;
  }
}

test('the valid fixture loads into a frozen plan with waves in order and its source recorded', () => {
  const plan = loadPlan(VALID);
  expect(plan.source).toEqual({
    dir: VALID,
    files: ['estate.yaml', 'servers.yaml', 'databases.yaml', 'legacy-baseline.yaml'],
  });
  expect(plan.waves.map((w) => w.order)).toEqual([1, 2]);
  expect(plan.servers[2]!.inboundFlows).toEqual([]); // default applied
  expect(Object.isFrozen(plan.network.onPremisesRanges[0])).toBe(true);
});

test('a file holding only comments is empty', () => {
  expect(load({ 'databases.yaml': '# nothing here yet\n' })).toEqual(['databases.yaml: is empty']);
});

test('a UTF-8 byte-order mark is accepted', () => {
  const text = readFileSync(join(VALID, 'estate.yaml'), 'utf8');
  expect(load({ 'estate.yaml': `\uFEFF${text}` })).toEqual([]);
});

test('text that is not UTF-8 is treated as binary', () => {
  expect(load({ 'servers.yaml': Buffer.from([0x73, 0x65, 0xff, 0xfe, 0x0a]) })).toEqual([
    'servers.yaml: is a binary file, not YAML text',
  ]);
});

test('every unreadable file is listed together', () => {
  expect(load({ 'estate.yaml': '', 'servers.yaml': null, 'legacy-baseline.yaml': 'a: [1,\n' })).toEqual([
    'estate.yaml: is empty',
    'servers.yaml: file not found in the plan folder (a plan needs servers.yaml or mgn-import.csv)',
    'legacy-baseline.yaml:2:1: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ]);
});

test('structure problems in readable files are listed alongside an unreadable one', () => {
  const servers = readFileSync(join(VALID, 'servers.yaml'), 'utf8').replace(
    'strategy: retire',
    'strategy: scrap',
  );
  expect(load({ 'estate.yaml': 'estate: [\n', 'servers.yaml': servers })).toEqual([
    'estate.yaml:2:1: is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    'servers.yaml:69:5 servers[2].strategy: is not one of the allowed values (received "scrap"; allowed: rehost, replatform, refactor, repurchase, relocate, retain, retire)',
  ]);
});

test('meaning checks on readable files still run when another file is unreadable', () => {
  const estate = readFileSync(join(VALID, 'estate.yaml'), 'utf8').replace(
    'cidr: 10.1.0.0/24',
    'cidr: 10.40.8.0/24',
  );
  expect(load({ 'estate.yaml': estate, 'databases.yaml': '' })).toEqual([
    'estate.yaml:21:7 network.onPremisesRanges[1].cidr: overlaps the VPC CIDR 10.40.0.0/16; on-premises and AWS addresses must not clash (received "10.40.8.0/24")',
    'databases.yaml: is empty',
  ]);
});

test('a YAML alias bomb is refused, not expanded', () => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 8; i++)
    bomb.push(`${'bcdefghij'[i]}: &${'bcdefghij'[i]} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(',')}]`);
  const lines = load({ 'legacy-baseline.yaml': `${bomb.join('\n')}\n` });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^legacy-baseline\.yaml: could not be read: /);
});

test('a plan folder that is a file is one problem', () => {
  expect(() => loadPlan(join(VALID, 'estate.yaml'), { name: 'x' })).toThrow(
    new PlanError([{ file: 'x', path: '', message: 'is not a folder' }], 'x'),
  );
});

test('a folder where a plan file should be is one problem', () => {
  const dir = join(scratch, 'dir-as-file');
  cpSync(VALID, dir, { recursive: true });
  rmSync(join(dir, 'databases.yaml'));
  mkdirSync(join(dir, 'databases.yaml'));
  expect(() => loadPlan(dir, { name: 'p' })).toThrow(
    new PlanError([{ file: 'databases.yaml', path: '', message: 'is not a regular file' }], 'p'),
  );
});

test('servers come from servers.yaml and mgn-import.csv together', () => {
  const csv =
    'mgn:server:user-provided-id,hostname,mgn:app:name,mgn:wave:name,os-family,os-name,os-version,vcpu,memory-gib,disks,strategy\n' +
    'old-print-01,PRINT01,intranet,wave-1,windows,Windows Server,2012,2,4,os:60,retire\n';
  const dir = join(scratch, 'both');
  cpSync(VALID, dir, { recursive: true });
  writeFileSync(join(dir, 'mgn-import.csv'), csv);
  const plan = loadPlan(dir);
  expect(plan.servers.map((s) => s.id)).toEqual([
    'intranet-web-01',
    'revenues-app-01',
    'legacy-fax-01',
    'old-print-01',
  ]);
  expect(plan.source.files).toEqual([
    'estate.yaml',
    'servers.yaml',
    'databases.yaml',
    'legacy-baseline.yaml',
    'mgn-import.csv',
  ]);
});

describe('MGN import CSV', () => {
  const head = 'mgn:server:user-provided-id,mgn:app:name,mgn:wave:name,mgn:server:platform,notes\n';
  const read = (text: string) => readMgnCsv('mgn-import.csv', Buffer.from(text));

  test('quoted cells may hold commas, quotes and newlines', () => {
    const r = read(`${head}a,app,wave-1,LINUX,"one, ""two""\nthree"\nb,app,wave-1,WINDOWS,\n`);
    expect(r.problems).toEqual([]);
    expect(r.servers.map((s) => [s.id, s.notes, (s.os as { family: string }).family])).toEqual([
      ['a', 'one, "two"\nthree', 'linux'],
      ['b', undefined, 'windows'],
    ]);
    // Row b starts on line 4 because row a's note spans two lines.
    expect(r.locate(1, ['id'])).toEqual({
      file: 'mgn-import.csv',
      line: 4,
      column: 1,
      path: 'servers[1].id (column mgn:server:user-provided-id)',
    });
  });

  test('an unclosed quote names the line it opened on', () => {
    expect(read(`${head}a,app,wave-1,LINUX,"never closed\n`).problems).toEqual([
      {
        file: 'mgn-import.csv',
        line: 2,
        column: 1,
        path: '',
        message: 'is not valid CSV: a quoted cell is never closed',
      },
    ]);
  });

  test('a row with the wrong number of cells names its line', () => {
    expect(read(`${head}a,app,wave-1\n`).rowProblems).toEqual([
      {
        file: 'mgn-import.csv',
        line: 2,
        column: 1,
        path: '',
        message: 'has 3 cells but the header has 5 columns',
      },
    ]);
  });

  test('without the server id column the file is refused', () => {
    expect(read('mgn:app:name,mgn:wave:name\napp,wave-1\n').problems.map((p) => p.message)).toEqual([
      'has no mgn:server:user-provided-id column (the server id)',
    ]);
  });

  test('other mgn: columns are accepted and ignored', () => {
    const r = read(
      'mgn:server:user-provided-id,mgn:app:description,mgn:server:tag:owner\na,Payroll,finance\n',
    );
    expect(r.problems).toEqual([]);
    expect(r.servers).toEqual([{ id: 'a', os: {} }]);
  });

  test('a server missing what the schema needs is reported against its row', () => {
    const lines = load({
      'servers.yaml': null,
      'mgn-import.csv': `${head}legacy-fax-01,intranet,wave-1,WINDOWS,\n`,
    });
    expect(lines).toEqual([
      'mgn-import.csv:2:1 servers[0].hostname (no hostname column): is required (allowed: text)',
      'mgn-import.csv:2:1 servers[0].os.name (no os-name column): is required (allowed: text)',
      'mgn-import.csv:2:1 servers[0].os.version (no os-version column): is required (allowed: text)',
      'mgn-import.csv:2:1 servers[0].vcpu (no vcpu column): is required (allowed: a number)',
      'mgn-import.csv:2:1 servers[0].memoryGiB (no memory-gib column): is required (allowed: a number)',
      'mgn-import.csv:2:1 servers[0].disks (no disks column): is required (allowed: a list)',
      'mgn-import.csv:2:1 servers[0].strategy (no strategy column): is required (allowed: rehost, replatform, refactor, repurchase, relocate, retain, retire)',
    ]);
  });
});

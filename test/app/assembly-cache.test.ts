/**
 * The assembly cache (bin/private/cached-synth.ts, bin/private/assembly-cache.ts) where a user
 * meets it: bin/app.ts run as the CDK CLI runs it (`CDK_OUTDIR`, `CDK_CONTEXT_JSON`), on a
 * generated 4-server estate in a temporary folder. A synth is answered from the cache only when
 * nothing it read has changed, and then gives exactly the files and output of a real synth; any
 * change to the plan folder, the context or a file the plan loader looked for synthesizes afresh.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeSyntheticEstate } from '../../scripts/bench/synthetic-estate';
import { cdkAppCommand } from '../support/project-commands';
import { cdkJsonContext, PROJECT_ROOT, tempDir } from './support/cdk-app';

const HIT = 'Nothing this synth depends on has changed since the last one';
const TODAY = '2026-11-30';

interface Run {
  readonly code: number | null;
  readonly stderr: string;
  readonly out: string;
  readonly files: Map<string, string>;
}

/** Every file of an output folder, by relative path. */
function filesOf(dir: string): Map<string, string> {
  const names = (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort();
  const files = new Map<string, string>();
  for (const name of names) {
    try {
      files.set(name, readFileSync(join(dir, name), 'utf8'));
    } catch {
      // a folder
    }
  }
  return files;
}

function runApp(planDir: string, extra: Record<string, unknown> = {}): Run {
  const out = tempDir('n-assembly-cache-out');
  const [program, args] = cdkAppCommand(); // as the CLI runs it
  const result = spawnSync(program, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify({
        ...cdkJsonContext(),
        plan: planDir,
        'estate:today': TODAY,
        ...extra,
      }),
      CDK_OUTDIR: out,
    },
    encoding: 'utf8',
    timeout: 180_000,
  });
  return { code: result.status, stderr: result.stderr, out, files: filesOf(out) };
}

/**
 * What the app printed, with the output folder named the same way for any run: aws-cdk-lib names
 * it relative to the project when that is shorter (a clone under /tmp), else in full.
 */
const printed = (run: Run) =>
  run.stderr
    .split(run.out)
    .join('<out>')
    .split(relative(PROJECT_ROOT, run.out))
    .join('<out>')
    .replace(new RegExp(`${HIT}.*\n`), '');

const templates = (run: Run) => [...run.files.keys()].filter((f) => f.endsWith('.template.json'));

let plan: string;
let first: Run;
let second: Run;
let fresh: Run;

beforeAll(() => {
  plan = join(tempDir('n-assembly-cache'), 'estate-4');
  writeSyntheticEstate(plan, 4);
  first = runApp(plan);
  second = runApp(plan);
  // The cache could answer this one too; turned off, the app is built and synthesized again.
  fresh = runApp(plan, { 'assembly-cache': 'false' });
}, 600_000);

test('a synth with nothing changed is answered from the cache, with the files and output of a real synth', () => {
  expect([first.code, second.code, fresh.code]).toEqual([0, 0, 0]);
  expect(first.stderr).not.toContain(HIT);
  expect(second.stderr).toContain(HIT);
  expect(templates(fresh).length).toBeGreaterThanOrEqual(5);
  // Every file, metadata and validation report included, byte for byte.
  expect(second.files).toEqual(fresh.files);
  expect(first.files).toEqual(fresh.files);
  expect(printed(second)).toBe(printed(fresh));
});

test('-c assembly-cache=false synthesizes afresh even when the cache could answer', () => {
  expect(fresh.stderr).not.toContain(HIT);
  expect(printed(fresh)).toBe(printed(first));
});

test('a damaged cache entry is a miss: the app synthesizes afresh and the result is cached again', () => {
  // The entry of this estate's key: the only one whose recorded reads name its plan folder.
  const entries = join(PROJECT_ROOT, '.cache', 'assemblies', 'entries');
  const ours = readdirSync(entries).filter(
    (n) => n.endsWith('.json') && readFileSync(join(entries, n), 'utf8').includes(plan),
  );
  expect(ours).toHaveLength(1);
  writeFileSync(join(entries, ours[0]!), '{"format": 1, "inputs": [');
  const run = runApp(plan);
  expect(run.code).toBe(0);
  expect(run.stderr).not.toContain(HIT);
  expect(run.files).toEqual(fresh.files);
  expect(runApp(plan).stderr).toContain(HIT);
});

describe('a plan folder that changes', () => {
  let dir: string;
  beforeAll(() => {
    dir = join(tempDir('n-assembly-cache-changed'), 'estate-4');
    writeSyntheticEstate(dir, 4);
  });

  test('a changed server is synthesized afresh: only its wave template differs, then the new result is cached', () => {
    const servers = join(dir, 'servers.yaml');
    writeFileSync(servers, readFileSync(servers, 'utf8').replace('sizeGiB: 80', 'sizeGiB: 90'));
    const after = runApp(dir);
    expect(after.code).toBe(0);
    expect(after.stderr).not.toContain(HIT);
    // The same estate as `plan` but for one disk (the folder's path is in no file).
    const differing = templates(after).filter((t) => after.files.get(t) !== first.files.get(t));
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatch(/Wave01/);
    expect(after.files.get(differing[0]!)).toContain('"VolumeSize": 90');
    const again = runApp(dir);
    expect(again.stderr).toContain(HIT);
    expect(again.files).toEqual(after.files);
  });

  test('a file the plan loader looked for and did not find, once added, is read: the synth is not answered from the cache', () => {
    // The plan folder's default register, absent so far (nothing suppressed); an empty one now.
    writeFileSync(
      join(dir, 'compliance-register.yaml'),
      `estate: ${estateId(dir)}\nowner: ICT Security\nsuppressions: []\n`,
    );
    const run = runApp(dir);
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain(HIT);
  });
});

test('another context (a different day for the register review dates) is another synth', () => {
  const run = runApp(plan, { 'estate:today': '2026-12-01' });
  expect(run.code).toBe(0);
  expect(run.stderr).not.toContain(HIT);
});

test('a failed synth is not cached: the broken plan fails again, with nothing synthesized', () => {
  const dir = join(tempDir('n-assembly-cache-broken'), 'estate-4');
  writeSyntheticEstate(dir, 4);
  const estate = join(dir, 'estate.yaml');
  writeFileSync(estate, `${readFileSync(estate, 'utf8')}\nnot-a-field: true\n`);
  for (const run of [runApp(dir), runApp(dir)]) {
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Nothing was synthesized');
    expect(run.stderr).not.toContain(HIT);
    expect(templates(run)).toEqual([]);
  }
});

/** The estate id written in a plan folder's estate.yaml. */
function estateId(dir: string): string {
  const m = /^estate:\s*\n\s+id:\s*(\S+)/m.exec(readFileSync(join(dir, 'estate.yaml'), 'utf8'));
  if (!m) throw new Error(`no estate id in ${dir}/estate.yaml`);
  return m[1]!;
}

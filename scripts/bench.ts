#!/usr/bin/env -S npx tsx
/**
 * `npm run bench`: prints figures (not a test). For synthetic estates of 100, 500, 1,000 and
 * 2,000 servers (databases in proportion, written as plan folders under .bench/) it measures
 * `npx cdk synth` through the real CLI (template validation and packs, as users run it: with the
 * caches in .cache/ emptied, then three times with nothing changed (answered by the assembly
 * cache; the median is the figure),
 * the same with `-c assembly-cache=false`, then after changing one server) and
 * in-process synths (bare, with packs, with packs and template validation): wall and CPU seconds,
 * peak RSS, stacks, largest stack and template. Then `npm start` on the bundled example (with every
 * cache it uses emptied, as on a fresh clone, then again with those caches) and a
 * FOCUS Parquet report of 10 M rows (generated once, cached under .bench/). Prints a table and
 * writes reports/bench/bench.json with the ratios. The machine's load average is recorded with
 * every figure: timings taken on a busy machine are inflated.
 *
 * Options: --sizes 100,500 (default 100,500,1000,2000), --skip-focus, --skip-start, --skip-cli,
 * --skip-in-process, --audit-sizes 1000 (estates `npm run audit` is timed on, twice: with the caches
 * it uses emptied (Control Tower, template validation, packs), then with those of the first run;
 * default 1000 when measured, `none` to skip), --focus-rows N (default 10000000), --out <file>
 * (default reports/bench/bench.json).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { assemblyFigures, type AssemblyFigures } from './bench/assembly-figures';
import { writeSyntheticEstate, type SyntheticEstateSize } from './bench/synthetic-estate';
import { countStderrLines } from './bench/warning-lines';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    'skip-focus': { type: 'boolean' },
    'skip-start': { type: 'boolean' },
    'skip-cli': { type: 'boolean' },
    'skip-in-process': { type: 'boolean' },
    'audit-sizes': { type: 'string' },
    'focus-rows': { type: 'string' },
    out: { type: 'string' },
  },
  strict: true,
});
const sizes = (values.sizes ?? '100,500,1000,2000').split(',').map((s) => Number(s.trim()));
if (sizes.some((n) => !Number.isInteger(n) || n < 10)) {
  process.stderr.write('--sizes: a comma-separated list of server counts, each at least 10\n');
  process.exit(2);
}
const focusRows = Number(values['focus-rows'] ?? 10_000_000);
const root = resolve('.');
const benchDir = join(root, '.bench');
const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

interface Run {
  readonly seconds: number;
  readonly cpuSeconds?: number;
  readonly maxRssMiB?: number;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Load average (1 min) when the run started. */
  readonly load: number;
}

/** Runs a command, timing it; with /usr/bin/time also CPU seconds and the largest process's peak RSS. */
function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Run {
  const load = loadavg()[0]!;
  const timeFile = join(tmpdir(), `bench-time-${process.pid}.txt`);
  const started = performance.now();
  const child = hasTime
    ? spawnSync(TIME, ['-f', '%U %S %M', '-o', timeFile, command, ...args], {
        encoding: 'utf8',
        env,
        maxBuffer: 512 * 1024 * 1024,
      })
    : spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 512 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  let cpu: { cpuSeconds?: number; maxRssMiB?: number } = {};
  if (hasTime && existsSync(timeFile)) {
    const [user, sys, rssKiB] = readFileSync(timeFile, 'utf8')
      .trim()
      .split('\n')
      .pop()!
      .split(' ')
      .map(Number);
    cpu = { cpuSeconds: user! + sys!, maxRssMiB: rssKiB! / 1024 };
    rmSync(timeFile, { force: true });
  }
  return {
    seconds,
    ...cpu,
    code: child.status,
    stdout: child.stdout ?? '',
    stderr: child.stderr ?? '',
    load,
  };
}

interface Timing {
  seconds: number;
  cpuSeconds?: number;
  maxRssMiB?: number;
  exitCode: number | null;
  load: number;
}

function timing(run: Run): Timing {
  return {
    seconds: run.seconds,
    ...(run.cpuSeconds !== undefined ? { cpuSeconds: run.cpuSeconds } : {}),
    ...(run.maxRssMiB !== undefined ? { maxRssMiB: run.maxRssMiB } : {}),
    exitCode: run.code,
    load: run.load,
  };
}

const auditSizes = (values['audit-sizes'] ?? '1000')
  .split(',')
  .filter((x) => x !== 'none')
  .map(Number);

const cliEnv = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' };

/** The caches (folders under .cache/) a `cdk synth` uses: assemblies, template validation, pack outcomes. */
const SYNTH_CACHES = ['assemblies', 'template-validation', 'nag-packs'];
/** The caches the audit uses: Control Tower results, template validation, pack outcomes. */
const AUDIT_CACHES = ['control-tower', 'template-validation', 'nag-packs'];
/** The caches `npm start` uses: a synth's, Control Tower results and the cost report's sample export. */
const START_CACHES = [...SYNTH_CACHES, 'control-tower', 'sample-focus'];

/** Empties the named caches, for a run as on a fresh clone. */
function emptyCaches(names: readonly string[]): void {
  for (const name of names) rmSync(join(root, '.cache', name), { recursive: true, force: true });
}

interface SizeResult {
  readonly size: SyntheticEstateSize;
  audit?: { cold: Timing; warm: Timing };
  cli?: Timing;
  /** The CLI again after the run before: unchanged (answered by the assembly cache), then one server changed. */
  cliWarm?: Timing;
  /** The three runs `cliWarm` is the median of. */
  cliWarmRuns?: Timing[];
  /** Unchanged, with the assembly cache off: the app built and synthesized with the other caches warm. */
  cliWarmRebuilt?: Timing;
  cliChangedOne?: Timing;
  /** Lines of the CLI's cold run (stderr) that are warnings, and errors (scripts/bench/warning-lines.ts). */
  cliWarningLines?: number;
  cliErrorLines?: number;
  inProcess?: Record<
    string,
    { seconds: number; wallSeconds: number; cpuSeconds: number; maxRssMiB: number; load: number }
  >;
  assembly?: AssemblyFigures;
}

function benchSize(servers: number): SizeResult {
  const planDir = join(benchDir, `estate-${servers}`);
  rmSync(planDir, { recursive: true, force: true });
  const size = writeSyntheticEstate(planDir, servers);
  const result: SizeResult = { size };
  const rel = planDir.slice(root.length + 1);
  if (!values['skip-cli']) {
    const out = join(benchDir, `cdk.out.cli-${servers}`);
    const cliSynth = (...extra: string[]) => {
      rmSync(out, { recursive: true, force: true });
      return timed(
        'npx',
        ['cdk', 'synth', '--quiet', '--no-notices', '-c', `plan=${rel}`, ...extra, '-o', out],
        cliEnv,
      );
    };
    emptyCaches(SYNTH_CACHES); // cold: every cache a synth uses
    const run = cliSynth();
    result.cli = timing(run);
    const lines = countStderrLines(run.stderr); // plan warnings and every line of a finding block
    result.cliWarningLines = lines.warningLines;
    result.cliErrorLines = lines.errorLines;
    // Nothing changed: answered by the assembly cache. A run of 2 s moves with the machine's load,
    // so the median of three is the figure (all three are kept in bench.json).
    const hits = [cliSynth(), cliSynth(), cliSynth()].map(timing);
    result.cliWarm = [...hits].sort((a, b) => a.seconds - b.seconds)[1]!;
    result.cliWarmRuns = hits;
    // Nothing changed, the app built and synthesized again: every template validated before.
    result.cliWarmRebuilt = timing(cliSynth('-c', 'assembly-cache=false'));
    const serversFile = join(planDir, 'servers.yaml');
    writeFileSync(serversFile, readFileSync(serversFile, 'utf8').replace('sizeGiB: 80', 'sizeGiB: 90'));
    result.cliChangedOne = timing(cliSynth()); // one server's disk changed: its templates validated again
    result.assembly = assemblyFigures(out);
    if (result.assembly.stacks === 0)
      process.stderr.write(`cdk synth of ${rel} wrote no templates:\n${run.stderr.slice(-2000)}\n`);
  }
  if (!values['skip-in-process']) {
    result.inProcess = {};
    for (const mode of ['bare', 'packs', 'validation'] as const) {
      const out = join(benchDir, `cdk.out.${mode}-${servers}`);
      const run = timed(process.execPath, [
        '--require',
        'tsx/cjs',
        'scripts/bench/synth-worker.ts',
        rel,
        mode,
        out,
      ]);
      if (run.code !== 0) {
        process.stderr.write(`in-process ${mode} synth of ${rel} failed:\n${run.stderr.slice(-2000)}\n`);
        continue;
      }
      const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as {
        seconds: number;
        cpuSeconds: number;
        maxRssMiB: number;
      } & AssemblyFigures;
      result.inProcess[mode] = {
        seconds: r.seconds,
        wallSeconds: run.seconds,
        cpuSeconds: r.cpuSeconds,
        maxRssMiB: run.maxRssMiB ?? r.maxRssMiB,
        load: run.load,
      };
      if (mode === 'validation' && !result.assembly) result.assembly = r;
      rmSync(out, { recursive: true, force: true });
    }
  }
  if (auditSizes.includes(servers)) {
    writeSyntheticEstate(planDir, servers); // the plan as generated (the CLI runs changed a server)
    const audit = (): Timing => {
      const reportDir = join(benchDir, `audit-${servers}`);
      return timing(timed('npm', ['run', 'audit', '--silent', '--', '--plan', rel, '--out', reportDir]));
    };
    // Cold: every template checked and validated, every pack evaluated (the CLI runs above filled
    // the pack cache for these templates).
    emptyCaches(AUDIT_CACHES);
    const cold = audit();
    const warm = audit(); // warm: unchanged templates come from the cache
    result.audit = { cold, warm };
  }
  return result;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined ? '-' : n.toFixed(digits));

const started = new Date();
const results: SizeResult[] = [];
for (const n of sizes) {
  process.stdout.write(`Synthetic estate of ${n} servers...\n`);
  results.push(benchSize(n));
}

type StartTiming = {
  seconds: number;
  cpuSeconds?: number;
  maxRssMiB?: number;
  exitCode: number | null;
  load: number;
};
/** `npm start` on the bundled example: with every cache it uses emptied (as on a fresh clone), then again. */
let start: { cold: StartTiming; warm: StartTiming } | undefined;
if (!values['skip-start']) {
  const npmStart = (label: string): StartTiming => {
    process.stdout.write(`npm start on the bundled example (${label})...\n`);
    const run = timed('npm', ['start', '--silent', '--', '--out', join(benchDir, 'cdk.out.start')], cliEnv);
    if (run.code !== 0) process.stderr.write(`npm start exited ${run.code}:\n${run.stderr.slice(-2000)}\n`);
    return timing(run);
  };
  emptyCaches(START_CACHES);
  const cold = npmStart('every cache emptied');
  start = { cold, warm: npmStart('caches from the run before') };
}

let focus: { rows: number; seconds: number; maxRssMiB: number; load: number } | undefined;
if (!values['skip-focus']) {
  process.stdout.write(`FOCUS Parquet report of ${focusRows.toLocaleString('en-GB')} rows...\n`);
  const run = timed('npm', [
    'run',
    'bench:focus',
    '--silent',
    '--',
    '--rows',
    String(focusRows),
    '--dir',
    join(benchDir, `focus-${focusRows}`),
    '--formats',
    'parquet',
    '--json',
  ]);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.code === 0 && line.startsWith('{')) {
    const r = JSON.parse(line) as { parquet: { seconds: number; maxRssMiB: number } };
    focus = { rows: focusRows, seconds: r.parquet.seconds, maxRssMiB: r.parquet.maxRssMiB, load: run.load };
  } else process.stderr.write(`bench:focus failed:\n${run.stderr.slice(-2000)}\n`);
}

// ---------------------------------------------------------------- table
const lines: string[] = [];
lines.push(
  `Benchmark ${started.toISOString()} on ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
lines.push(
  'Seconds are wall clock; CPU = user+sys seconds of the process tree; load = 1-min load average when the run began.',
);
lines.push('');
lines.push(
  'servers  dbs  | cli s  cpu s  RSS MiB load warm s 1-chg s | bare s  packs s  valid s  valid RSS | stacks largest (resources)      max KiB  errors warnings',
);
for (const r of results) {
  const ip = r.inProcess ?? {};
  const a = r.assembly;
  lines.push(
    `${String(r.size.servers).padStart(7)} ${String(r.size.databases).padStart(4)}  | ` +
      `${fmt(r.cli?.seconds).padStart(5)} ${fmt(r.cli?.cpuSeconds).padStart(6)} ${fmt(r.cli?.maxRssMiB, 0).padStart(8)} ${fmt(r.cli?.load).padStart(4)} ${fmt(r.cliWarm?.seconds).padStart(6)} ${fmt(r.cliChangedOne?.seconds).padStart(7)} | ` +
      `${fmt(ip.bare?.seconds).padStart(6)} ${fmt(ip.packs?.seconds).padStart(8)} ${fmt(ip.validation?.seconds).padStart(8)} ${fmt(ip.validation?.maxRssMiB, 0).padStart(10)} | ` +
      `${String(a?.stacks ?? '-').padStart(6)} ${`${a?.largestStack ?? '-'} (${a?.largestStackResources ?? '-'})`.padEnd(31)} ${String(a?.largestTemplateKiB ?? '-').padStart(7)} ${String(a?.findings.errors ?? '-').padStart(7)} ${String(a?.findings.warnings ?? '-').padStart(8)}`,
  );
}
const bySize = (n: number) => results.find((r) => r.size.servers === n);
const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);
const ratios = {
  cli2000over1000: ratio(bySize(2000)?.cli?.seconds, bySize(1000)?.cli?.seconds),
  cli2000over1000Cpu: ratio(bySize(2000)?.cli?.cpuSeconds, bySize(1000)?.cli?.cpuSeconds),
  cliOverInProcessValidation1000: ratio(
    bySize(1000)?.cli?.seconds,
    bySize(1000)?.inProcess?.validation?.seconds,
  ),
  validationOverBare1000: ratio(
    bySize(1000)?.inProcess?.validation?.seconds,
    bySize(1000)?.inProcess?.bare?.seconds,
  ),
  packsOverBare1000: ratio(bySize(1000)?.inProcess?.packs?.seconds, bySize(1000)?.inProcess?.bare?.seconds),
};
lines.push('');
const ran = (t: Timing | undefined) => (t && (t.exitCode === 0 || t.exitCode === 1) ? t.seconds : undefined);
const target = (label: string, value: number | undefined, limit: number, unit: string) =>
  lines.push(
    `${label.padEnd(44)} ${value === undefined ? 'not measured' : `${value.toFixed(2)} ${unit}`} (target < ${limit} ${unit})${value === undefined ? '' : value < limit ? ' met' : ' NOT met'}`,
  );
target('1,000 servers via the CLI, empty caches', bySize(1000)?.cli?.seconds, 10, 's');
target('1,000 servers via the CLI, nothing changed', bySize(1000)?.cliWarm?.seconds, 3, 's');
lines.push(
  `${''.padEnd(44)} (median of ${(bySize(1000)?.cliWarmRuns ?? []).map((t) => t.seconds.toFixed(2)).join(', ')} s)`,
);
lines.push(
  `${'1,000 servers via the CLI, nothing changed,'.padEnd(44)} ${fmt(bySize(1000)?.cliWarmRebuilt?.seconds)} s ` +
    `(${fmt(bySize(1000)?.cliWarmRebuilt?.cpuSeconds)} CPU s) with -c assembly-cache=false ` +
    '(the app built again; the other caches warm)',
);
target('1,000 servers via the CLI, one server changed', bySize(1000)?.cliChangedOne?.seconds, 3, 's');
// CPU seconds move less with the machine's load than wall seconds: the figure to compare runs by.
lines.push(`${''.padEnd(44)} (${fmt(bySize(1000)?.cliChangedOne?.cpuSeconds)} CPU s)`);
target('warning lines, 1,000 servers via the CLI', bySize(1000)?.cliWarningLines, 200, 'lines');
for (const r of results)
  if (r.cliWarningLines !== undefined)
    lines.push(
      `stderr of cdk synth, ${r.size.servers} servers: ${r.cliWarningLines} warning lines, ${r.cliErrorLines ?? 0} error lines ` +
        '(warning: lines and every line of a WARNING/ERROR finding block)',
    );
target('2,000 / 1,000 servers via the CLI (wall)', ratios.cli2000over1000, 1.9, 'x');
// The highest of every CLI run of every size (a run with one server changed can peak above the
// cold one: its worker validates while the packs run), with the run it was.
const peak = results
  .flatMap((r) =>
    (
      [
        ['empty caches', r.cli],
        ...(r.cliWarmRuns ?? []).map((t) => ['nothing changed', t] as const),
        ['assembly cache off', r.cliWarmRebuilt],
        ['one server changed', r.cliChangedOne],
      ] as const
    ).flatMap(([run, t]) =>
      t?.maxRssMiB === undefined ? [] : [{ servers: r.size.servers, run, mib: t.maxRssMiB }],
    ),
  )
  .sort((a, b) => b.mib - a.mib)[0];
target('peak RSS, any CLI run', peak?.mib, 1024, 'MiB');
if (peak) lines.push(`${''.padEnd(44)} (${peak.servers} servers, ${peak.run})`);
target(
  'npm start on the bundled example, empty caches',
  start?.cold.exitCode === 0 ? start.cold.seconds : undefined,
  12,
  's',
);
target(
  'npm start on the bundled example, cached',
  start?.warm.exitCode === 0 ? start.warm.seconds : undefined,
  12,
  's',
);
for (const r of results)
  if (r.audit) {
    target(`npm run audit, ${r.size.servers} servers, empty cache`, ran(r.audit.cold), 60, 's');
    target(`npm run audit, ${r.size.servers} servers, cached`, ran(r.audit.warm), 15, 's');
  }
target(`FOCUS Parquet report, ${focusRows.toLocaleString('en-GB')} rows`, focus?.seconds, 1.5, 's');
for (const run of start ? [start.cold, start.warm] : [])
  if (run.exitCode !== 0) lines.push(`npm start exited ${run.exitCode}`);
lines.push(
  '',
  `Ratios: ${JSON.stringify(ratios, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))}`,
);
process.stdout.write(`\n${lines.join('\n')}\n`);

const outFile = resolve(values.out ?? 'reports/bench/bench.json');
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(
  outFile,
  `${JSON.stringify(
    {
      date: started.toISOString(),
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '', node: process.version },
      loadAverageAtEnd: loadavg(),
      sizes: results,
      start,
      focus,
      ratios,
    },
    undefined,
    2,
  )}\n`,
);
process.stdout.write(`Written: ${outFile}\n`);

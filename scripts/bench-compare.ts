/**
 * Synth time of this tree against an earlier one (`npm run bench:compare -- --baseline DIR`): the
 * same method on both, `npx cdk synth --quiet` through each tree's own CLI, wall time, median of
 * `--runs` (default 5) runs, runs interleaved (baseline, this tree, baseline, ...) so load drifts
 * hit both alike. Measured on each tree's bundled example and on a generated estate of `--servers`
 * servers (default 1000; a comma list such as `--servers 1000,2000` also prints the marginal synth
 * time per 1,000 servers between the two largest sizes, which the fixed cost of stacks added by
 * other work, one per estate, does not enter), scripts/bench/synthetic-estate.ts, under .bench/. Server
 * fields the baseline's plan schema does not know yet are dropped from its copy of the estate
 * (`--drop-server-fields`, default outboundFlows: issue 11's field). DIR is a checkout of the earlier
 * commit with `npm ci` done (e.g. `git worktree add /tmp/before 3defb7a`). Prints a table, not a test.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { writeSyntheticEstate } from './bench/synthetic-estate';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const baseline = option('baseline');
if (!baseline) {
  process.stderr.write('--baseline DIR: a checkout of the earlier tree with npm ci done\n');
  process.exit(2);
}
const runs = Number(option('runs') ?? 5);
const sizes = (option('servers') ?? '1000').split(',').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
  process.stderr.write('--servers: a positive whole number, or a comma list of them\n');
  process.exit(2);
}
const dropped = (option('drop-server-fields') ?? 'outboundFlows').split(',').filter(Boolean);
const here = resolve('.');
const there = resolve(baseline);
const benchDir = join(here, '.bench', 'compare');
mkdirSync(benchDir, { recursive: true });

// Each generated estate, and the baseline's copy without the fields it does not know.
function generatedPair(servers: number): [string, string] {
  const generated = join(benchDir, `estate-${servers}`);
  writeSyntheticEstate(generated, servers);
  const generatedBaseline = join(benchDir, `estate-${servers}-baseline`);
  writeSyntheticEstate(generatedBaseline, servers);
  const serversFile = join(generatedBaseline, 'servers.yaml');
  const doc = parse(readFileSync(serversFile, 'utf8')) as { servers: Record<string, unknown>[] };
  for (const s of doc.servers) for (const f of dropped) delete s[f];
  writeFileSync(serversFile, stringify(doc));
  return [generatedBaseline, generated];
}

interface Case {
  readonly name: string;
  readonly cwd: string;
  readonly plan: string;
}
const cases: Case[][] = [
  [
    { name: 'bundled example, baseline', cwd: there, plan: 'migration-plans/peterborough' },
    { name: 'bundled example, this tree', cwd: here, plan: 'migration-plans/peterborough' },
  ],
  ...sizes.map((servers): Case[] => {
    const [generatedBaseline, generated] = generatedPair(servers);
    return [
      { name: `${servers} servers, baseline`, cwd: there, plan: generatedBaseline },
      { name: `${servers} servers, this tree`, cwd: here, plan: generated },
    ];
  }),
];

function synthSeconds(c: Case): number {
  const out = join(benchDir, 'cdk.out');
  rmSync(out, { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(
    'npx',
    ['cdk', 'synth', '--quiet', '--no-notices', '-c', `plan=${c.plan}`, '-o', out],
    {
      cwd: c.cwd,
      encoding: 'utf8',
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  // Synthetic estates have no register: the packs fail the CLI (exit 1) after writing the templates.
  const templates = spawnSync('sh', ['-c', `ls ${out}/*.template.json 2>/dev/null | wc -l`], {
    encoding: 'utf8',
  });
  if (Number(templates.stdout.trim()) === 0) {
    process.stderr.write(`${c.name}: cdk synth wrote no templates\n${run.stderr.slice(-2000)}\n`);
    process.exit(1);
  }
  return seconds;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const row = (name: string, before: number, after: number) =>
  `| ${name} | ${before.toFixed(1)} | ${after.toFixed(1)} | ${(((after - before) / before) * 100).toFixed(1)} % |`;
const rows: string[] = [];
const loads: string[] = [];
const medians: [number, number][] = [];
for (const pair of cases) {
  const times = pair.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    loads.push(loadavg()[0]!.toFixed(1));
    pair.forEach((c, i) => times[i]!.push(synthSeconds(c)));
  }
  const [before, after] = times.map(median) as [number, number];
  medians.push([before, after]);
  rows.push(row(pair[1]!.name.replace(', this tree', ''), before, after));
}
if (sizes.length >= 2) {
  // Marginal cost: the difference of the two largest sizes' medians, scaled to 1,000 servers.
  const order = sizes.map((n, i) => [n, i + 1] as const).sort((a, b) => a[0] - b[0]);
  const [[small, i], [large, j]] = order.slice(-2) as [readonly [number, number], readonly [number, number]];
  const per1000 = (k: 0 | 1) => ((medians[j]![k] - medians[i]![k]) / (large - small)) * 1000;
  rows.push(row(`per 1,000 servers (${small} to ${large})`, per1000(0), per1000(1)));
}
process.stdout.write(
  `npx cdk synth --quiet, median of ${runs} interleaved runs, wall seconds (baseline ${there}; load ${loads.join(', ')})\n\n` +
    '| case | baseline s | this tree s | change |\n|---|---:|---:|---:|\n' +
    `${rows.join('\n')}\n`,
);

/**
 * Benchmark of the FOCUS billing source (npm run bench:focus). Not a test: it prints figures.
 *
 * Generates a 1,000,000-line FOCUS export with DuckDB (10 files of 100,000 lines, as CSV and as
 * Parquet, into a temp dir), then aggregates each through FocusBillingSource in a fresh child
 * process and prints lines/s and the child's peak RSS. Options: --rows N (default 1000000),
 * --keep (leave the temp dir), --dir <folder> (generate there once and reuse it on later runs;
 * used by npm run bench), --formats parquet (default csv,parquet), --json (last line: results as JSON).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Money } from '../lib/shared/money';
import { FocusBillingSource } from '../lib/cost/focus';
import { withDuckDb } from '../lib/cost/focus/duckdb';
import { sqlString } from '../lib/cost/focus/resolve-inputs';

const NOW = new Date('2026-11-15T00:00:00Z');
const FILES = 10;

function lineSql(from: number, to: number, format: 'csv' | 'parquet'): string {
  const tags =
    format === 'csv'
      ? `CASE WHEN i % 10 = 0 THEN '{}' ELSE json_object('Application', 'app-' || (i % 40), 'MigrationWave', 'wave-' || (i % 6 + 1), 'Estate', 'bench')::VARCHAR END`
      : `CASE WHEN i % 10 = 0 THEN MAP {}::MAP(VARCHAR, VARCHAR) ELSE MAP {'Application': 'app-' || (i % 40), 'MigrationWave': 'wave-' || (i % 6 + 1), 'Estate': 'bench'} END`;
  const cost = (salt: number) =>
    format === 'csv'
      ? `CAST(CAST(((i * ${salt}) % 1000000) AS DECIMAL(18, 0)) / 10000 AS DECIMAL(18, 6))`
      : `CAST(((i * ${salt}) % 1000000) / 10000.0 AS DOUBLE)`;
  return `SELECT
      '123456789012' AS BillingAccountId,
      'USD' AS BillingCurrency,
      TIMESTAMP '2026-01-01' + to_days(CAST(i % 300 AS INTEGER)) AS ChargePeriodStart,
      TIMESTAMP '2026-01-02' + to_days(CAST(i % 300 AS INTEGER)) AS ChargePeriodEnd,
      CASE i % 50 WHEN 0 THEN 'Tax' WHEN 1 THEN 'Credit' WHEN 2 THEN 'Purchase' ELSE 'Usage' END AS ChargeCategory,
      ['Amazon Elastic Compute Cloud', 'Amazon Relational Database Service', 'Amazon Virtual Private Cloud',
       'AWS Backup', 'Amazon Simple Storage Service', 'AWS Data Transfer'][1 + i % 6] AS ServiceName,
      ${cost(7919)} AS BilledCost,
      ${cost(104729)} AS EffectiveCost,
      ${cost(7919)} AS ListCost,
      'i-' || lpad(CAST(i % 5000 AS VARCHAR), 17, '0') AS ResourceId,
      ${tags} AS Tags,
      'AmazonEC2' AS x_ServiceCode,
      'EUW2-BoxUsage:m7i.large' AS x_UsageType
    FROM range(${from}, ${to}) t(i)`;
}

async function generate(dir: string, rows: number, formats: readonly ('csv' | 'parquet')[]): Promise<number> {
  const started = performance.now();
  await withDuckDb(async (conn) => {
    for (const format of formats) {
      mkdirSync(join(dir, format));
      for (let f = 0; f < FILES; f++) {
        const from = Math.floor((rows * f) / FILES);
        const to = Math.floor((rows * (f + 1)) / FILES);
        const file = join(dir, format, `focus-part-${String(f).padStart(2, '0')}.${format}`);
        const options = format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet, COMPRESSION zstd)';
        await conn.run(`COPY (${lineSql(from, to, format)}) TO ${sqlString(file)} ${options}`);
      }
    }
  });
  return (performance.now() - started) / 1000;
}

/** Child mode: aggregate one folder, print one JSON line. */
async function measure(dir: string): Promise<void> {
  const started = performance.now();
  const source = new FocusBillingSource({ paths: [dir], baseDir: '/', now: () => NOW });
  const result = await source.fetch({ from: '2026-01', to: '2026-11' });
  const seconds = (performance.now() - started) / 1000;
  const total = result.rows.reduce((a, r) => a.plus(r.unblendedCost), new Money(0)).toFixed(2);
  const maxRssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ seconds, groups: result.rows.length, total, maxRssMiB })}\n`);
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === '--measure') {
    await measure(argv[1]!);
    return 0;
  }
  const rowsAt = argv.indexOf('--rows');
  const rows = rowsAt >= 0 ? Number(argv[rowsAt + 1]) : 1_000_000;
  if (!Number.isInteger(rows) || rows < FILES) {
    process.stderr.write(`--rows must be a whole number of at least ${FILES}\n`);
    return 2;
  }
  const dirAt = argv.indexOf('--dir');
  const cached = dirAt >= 0 ? argv[dirAt + 1]! : undefined;
  const formatsAt = argv.indexOf('--formats');
  const formats = (formatsAt >= 0 ? argv[formatsAt + 1]!.split(',') : ['csv', 'parquet']) as (
    'csv' | 'parquet'
  )[];
  const dir = cached ?? mkdtempSync(join(tmpdir(), 'bench-focus-'));
  const done = join(dir, `generated-${formats.join('-')}.done`);
  try {
    if (cached && existsSync(done)) {
      process.stdout.write(
        `Reusing ${rows.toLocaleString('en-GB')} FOCUS lines generated earlier under ${dir}\n`,
      );
    } else {
      if (cached) rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const genSeconds = await generate(dir, rows, formats);
      if (cached) writeFileSync(done, `${rows}\n`);
      process.stdout.write(
        `Generated ${rows.toLocaleString('en-GB')} FOCUS lines as ${formats.join(' and ')} (${FILES} files each) in ${genSeconds.toFixed(1)} s under ${dir}\n`,
      );
    }
    const results: Record<string, { seconds: number; groups: number; total: string; maxRssMiB: number }> = {};
    for (const format of formats) {
      const child = spawnSync(
        process.execPath,
        [...process.execArgv, __filename, '--measure', join(dir, format)],
        { encoding: 'utf8' },
      );
      if (child.status !== 0) {
        process.stderr.write(`The ${format} run failed:\n${child.stderr}\n`);
        return 1;
      }
      const r = JSON.parse(child.stdout.trim().split('\n').pop()!) as (typeof results)[string];
      results[format] = r;
      process.stdout.write(
        `${format.padEnd(8)} ${Math.round(rows / r.seconds)
          .toLocaleString('en-GB')
          .padStart(12)} lines/s  ` +
          `${r.seconds.toFixed(2).padStart(6)} s  peak RSS ${r.maxRssMiB.toFixed(0).padStart(5)} MiB  ` +
          `${r.groups} groups, total ${r.total} USD\n`,
      );
    }
    if (argv.includes('--json')) process.stdout.write(`${JSON.stringify(results)}\n`);
    if (!results.csv || !results.parquet) return 0;
    if (results.csv.total !== results.parquet.total) {
      process.stderr.write(
        `CSV and Parquet totals differ: ${results.csv.total} vs ${results.parquet.total}\n`,
      );
      return 1;
    }
    process.stdout.write('CSV and Parquet totals agree.\n');
    return 0;
  } finally {
    if (!cached && !argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exitCode = 1;
  },
);

/**
 * The FOCUS source over a small hand-made export (test/fixtures/focus/small), read as CSV, gzip
 * CSV and Parquet. Expected figures were added up by hand from the fixture lines:
 *
 * 2026-09 revenues / wave-2 / EC2 usage: 10.123456 + 10.123456 = 20.246912 billed,
 *         9.500001 + 9.500001 = 19.000002 effective
 * 2026-09 total billed (unblended): 20.246912 + 250.10 + 3.333333 + 0.005 - 25.00 + 52.71 + 7.77
 *         = 309.165245; effective (amortized): 19.000002 + 250.10 + 3.333333 + 0.005 - 25.00
 *         + 52.71 + 7.00 = 307.148335
 * 2026-10 billed 11.00 + 1.01 = 12.01; effective 9.99 + 0.01 = 10.00
 */
import { costRow } from '../../support/billing-rows';
import { Money } from '../../../lib/shared/money';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BillingResult, MonthlyCostRow } from '../../../lib/cost/billing/types';
import { FocusBillingSource } from '../../../lib/cost/focus/focus-source';
import { withDuckDb } from '../../../lib/cost/focus/duckdb';
import { focusCsvToParquet } from '../../../lib/cost/sample-data/csv-to-parquet';

const FIXTURE = resolve(__dirname, '../../fixtures/focus/small');
const CSV_FILES = ['focus-2026-09.csv', 'focus-2026-10-11.csv'].map((f) => join(FIXTURE, f));
const NOW = new Date('2026-11-10T08:00:00Z');
const QUERY = { from: '2026-08', to: '2026-12' };
const EC2 = 'Amazon Elastic Compute Cloud';

function source(paths: string[], baseDir = '/'): FocusBillingSource {
  return new FocusBillingSource({ paths, baseDir, now: () => NOW });
}

function total(
  rows: readonly MonthlyCostRow[],
  month: string,
  field: 'amortizedCost' | 'unblendedCost',
): string {
  return rows
    .filter((r) => r.month === month)
    .reduce((acc, r) => acc.plus(r[field]), new Money(0))
    .toFixed(2);
}

const row = costRow;

const EXPECTED_ROWS: MonthlyCostRow[] = [
  row({
    month: '2026-09',
    application: 'intranet',
    wave: 'wave-1',
    service: 'Amazon Relational Database Service',
    amortizedCost: '250.1',
    unblendedCost: '250.1',
  }),
  row({
    month: '2026-09',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    amortizedCost: '19.000002',
    unblendedCost: '20.246912',
  }),
  row({
    month: '2026-09',
    application: 'revenues',
    wave: null,
    service: EC2,
    amortizedCost: '7',
    unblendedCost: '7.77',
  }),
  row({
    month: '2026-09',
    service: EC2,
    chargeCategory: 'credit',
    amortizedCost: '-25',
    unblendedCost: '-25',
  }),
  row({
    month: '2026-09',
    service: EC2,
    chargeCategory: 'tax',
    amortizedCost: '52.71',
    unblendedCost: '52.71',
  }),
  row({
    month: '2026-09',
    service: 'Amazon Simple Storage Service',
    amortizedCost: '0.005',
    unblendedCost: '0.005',
  }),
  row({
    month: '2026-09',
    service: 'Amazon Virtual Private Cloud',
    amortizedCost: '3.333333',
    unblendedCost: '3.333333',
  }),
  row({
    month: '2026-10',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    amortizedCost: '10',
    unblendedCost: '12.01',
  }),
  row({
    month: '2026-11',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    amortizedCost: '5',
    unblendedCost: '5',
  }),
];

describe('FocusBillingSource', () => {
  let tmp: string;
  let fromCsv: BillingResult;
  let fromParquet: BillingResult;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'focus-src-'));
    mkdirSync(join(tmp, 'parquet'));
    await focusCsvToParquet(CSV_FILES, join(tmp, 'parquet', 'focus.parquet'));
    fromCsv = await source([FIXTURE]).fetch(QUERY);
    fromParquet = await source([join(tmp, 'parquet')]).fetch(QUERY);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reconciles the hand-made CSV fixture to the penny', () => {
    expect(total(fromCsv.rows, '2026-09', 'unblendedCost')).toBe('309.17');
    expect(total(fromCsv.rows, '2026-09', 'amortizedCost')).toBe('307.15');
    expect(total(fromCsv.rows, '2026-10', 'unblendedCost')).toBe('12.01');
    expect(total(fromCsv.rows, '2026-10', 'amortizedCost')).toBe('10.00');
    // and exactly, before any rounding
    expect(
      fromCsv.rows
        .filter((r) => r.month === '2026-09')
        .reduce((a, r) => a.plus(r.unblendedCost), new Money(0))
        .toFixed(),
    ).toBe('309.165245');
    expect(
      fromCsv.rows
        .filter((r) => r.month === '2026-09')
        .reduce((a, r) => a.plus(r.amortizedCost), new Money(0))
        .toFixed(),
    ).toBe('307.148335');
  });

  it('groups by month, Application, MigrationWave (plain or user: keys), service and charge category', () => {
    expect(fromCsv.rows).toEqual(EXPECTED_ROWS);
  });

  it('returns untagged spend with application and wave null', () => {
    const untagged = fromCsv.rows.filter((r) => r.application === null);
    expect(untagged.map((r) => r.service).sort()).toEqual([
      EC2,
      EC2,
      'Amazon Simple Storage Service',
      'Amazon Virtual Private Cloud',
    ]);
    expect(untagged.every((r) => r.wave === null)).toBe(true);
  });

  it('gives the same rows from Parquet (MAP tags, DOUBLE costs) as from CSV', () => {
    expect(fromParquet.rows).toEqual(fromCsv.rows);
    expect(total(fromParquet.rows, '2026-09', 'unblendedCost')).toBe(
      total(fromCsv.rows, '2026-09', 'unblendedCost'),
    );
    expect(fromParquet.months).toEqual(fromCsv.months);
    expect(fromParquet.source.dataThrough).toBe(fromCsv.source.dataThrough);
  });

  it('reports month completeness: missing, complete, current and future months', () => {
    expect(fromCsv.months).toEqual([
      { month: '2026-08', complete: false, reason: 'missing: the FOCUS export has no rows for this month' },
      { month: '2026-09', complete: true },
      { month: '2026-10', complete: true },
      { month: '2026-11', complete: false, reason: 'current month: costs to date only' },
      { month: '2026-12', complete: false, reason: 'in the future: no cost data yet' },
    ]);
  });

  it('reports dataThrough as the latest ChargePeriodEnd, and describes the source', () => {
    expect(fromCsv.source).toEqual({
      kind: 'focus',
      description: `FOCUS 1.0 export: 2 files (2 CSV, 0 Parquet) from ${FIXTURE}`,
      retrievedAt: NOW.toISOString(),
      dataThrough: '2026-11-02T00:00:00Z',
    });
  });

  it('reads gzip CSV, globs, relative paths and paths with quotes in them', async () => {
    const dir = join(tmp, "o'brien's exports");
    mkdirSync(dir);
    for (const f of CSV_FILES)
      writeFileSync(join(dir, `${f.split('/').pop()}.gz`), gzipSync(readFileSync(f)));
    const gz = await source([dir]).fetch(QUERY);
    expect(gz.rows).toEqual(EXPECTED_ROWS);
    const globbed = await source([join(FIXTURE, 'focus-*.csv')]).fetch(QUERY);
    expect(globbed.rows).toEqual(EXPECTED_ROWS);
    const relative = await source(['small'], join(FIXTURE, '..')).fetch(QUERY);
    expect(relative.rows).toEqual(EXPECTED_ROWS);
  });

  it('reads Parquet whose Tags are JSON text and costs DECIMAL (other writers than AWS)', async () => {
    const dir = join(tmp, 'json-tags');
    mkdirSync(dir);
    const csv = CSV_FILES.map((f) => `'${f}'`).join(', ');
    await withDuckDb(async (conn) => {
      await conn.run(
        `COPY (SELECT * REPLACE (CAST(Tags AS JSON) AS Tags, CAST(BilledCost AS DECIMAL(18, 6)) AS BilledCost,
           CAST(EffectiveCost AS DECIMAL(18, 6)) AS EffectiveCost)
         FROM read_csv([${csv}], header = true, all_varchar = true)) TO '${dir}/focus.parquet' (FORMAT parquet)`,
      );
    });
    const r = await source([dir]).fetch(QUERY);
    expect(r.rows).toEqual(EXPECTED_ROWS);
  });

  it('only returns rows for the months asked for', async () => {
    const one = await source([FIXTURE]).fetch({ from: '2026-10', to: '2026-10' });
    expect(one.rows).toEqual(EXPECTED_ROWS.filter((r) => r.month === '2026-10'));
    expect(one.months).toEqual([{ month: '2026-10', complete: true }]);
  });

  describe('clear errors', () => {
    function badDir(name: string, lines: (header: string, line: string) => string): string {
      const dir = join(tmp, name);
      mkdirSync(dir, { recursive: true });
      const [header, first] = readFileSync(CSV_FILES[1]!, 'utf8').split('\n') as [string, string];
      writeFileSync(join(dir, 'bad.csv'), `${lines(header, first)}\n`);
      return dir;
    }

    it('names a directory that does not exist', async () => {
      await expect(source(['/nonexistent/billing']).fetch(QUERY)).rejects.toThrow(
        'FOCUS export path "/nonexistent/billing" does not exist (looked for /nonexistent/billing)',
      );
    });

    it('names a directory without export files', async () => {
      const empty = join(tmp, 'empty');
      mkdirSync(empty);
      writeFileSync(join(empty, 'notes.txt'), 'nothing');
      await expect(source([empty]).fetch(QUERY)).rejects.toThrow(
        `FOCUS export directory "${empty}" holds no .csv, .csv.gz or .parquet files`,
      );
    });

    it('names a file DuckDB cannot read (not really Parquet)', async () => {
      const dir = join(tmp, 'corrupt');
      mkdirSync(dir);
      writeFileSync(join(dir, 'focus.parquet'), 'this is not parquet');
      await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
        new RegExp(`^Cannot read Parquet file\\(s\\) ${dir}/focus.parquet: `),
      );
    });

    it('names missing FOCUS columns', async () => {
      const dir = badDir('no-effective', (h, l) => {
        const cols = h.split(',');
        const i = cols.indexOf('EffectiveCost');
        const drop = (s: string) =>
          s
            .split(',')
            .filter((_, j) => j !== i)
            .join(',');
        return `${drop(h)}\n${drop(l)}`;
      });
      await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
        `FOCUS export CSV file(s) ${dir}/bad.csv lacks column(s) EffectiveCost`,
      );
    });

    it('refuses a non-numeric cost rather than skipping it', async () => {
      const dir = badDir('bad-cost', (h, l) => `${h}\n${l.replace(',11.00,9.99,', ',11.00,n/a,')}`);
      await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
        `FOCUS export file ${dir}/bad.csv: EffectiveCost "n/a" is not a number (1 bad line(s) in all); fix or remove the file, no total was computed`,
      );
    });

    it('refuses an unknown ChargeCategory', async () => {
      const dir = badDir('bad-category', (h, l) => `${h}\n${l.replace(',Usage,', ',Rebate,')}`);
      await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
        `FOCUS export file ${dir}/bad.csv: ChargeCategory "Rebate" is not a FOCUS 1.0 category (Usage, Purchase, Tax, Credit, Adjustment)`,
      );
    });

    it('refuses a currency other than USD or GBP', async () => {
      const dir = badDir('bad-currency', (h, l) => `${h}\n${l.replace(',USD,', ',EUR,')}`);
      await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
        `FOCUS export file ${dir}/bad.csv: BillingCurrency "EUR" is not supported (USD or GBP)`,
      );
    });

    it('refuses Tags that are not a JSON object', async () => {
      const dir = badDir('bad-tags', (h, l) => `${h}\n${l.replace(/"\{.*\}"/, '"Application=revenues"')}`);
      await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
        `FOCUS export file ${dir}/bad.csv: Tags is not a JSON object: Application=revenues`,
      );
    });

    it('refuses the same billing period from two folders (two copies of an export)', async () => {
      const root = join(tmp, 'two-copies');
      for (const v of ['v1', 'v2']) {
        mkdirSync(join(root, v), { recursive: true });
        copyFileSync(CSV_FILES[0]!, join(root, v, 'focus.csv'));
      }
      await expect(source([root]).fetch(QUERY)).rejects.toThrow(
        `FOCUS export has billing period 2026-09 of account 123456789012 in 2 files: ${root}/v1/focus.csv, ${root}/v2/focus.csv. Adding both would count the month twice.`,
      );
    });

    it('names a glob that matches nothing', async () => {
      await expect(source([join(tmp, 'nothing', '*.csv')]).fetch(QUERY)).rejects.toThrow(
        `Cannot read CSV file(s) ${tmp}/nothing/*.csv: IO Error: No files found that match the pattern "${tmp}/nothing/*.csv"`,
      );
    });

    it('accepts a copy of a good file next to it (sanity check of the bad-file helper)', async () => {
      const dir = badDir('good', (h, l) => `${h}\n${l}`);
      copyFileSync(CSV_FILES[0]!, join(dir, 'sept.csv'));
      const r = await source([dir]).fetch({ from: '2026-10', to: '2026-10' });
      expect(r.rows).toEqual([
        row({
          month: '2026-10',
          application: 'revenues',
          wave: 'wave-2',
          service: EC2,
          amortizedCost: '9.99',
          unblendedCost: '11',
        }),
      ]);
    });
  });
});

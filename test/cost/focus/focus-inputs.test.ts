/**
 * Inputs a new user meets with real exports: two copies of an export in one folder, FOCUS files
 * mixing clouds, and CSV dumps writing nulls as the text NULL.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Money as Decimal } from '../../../lib/shared/money';
import type { MonthlyCostRow } from '../../../lib/cost/billing/types';
import { FocusBillingSource } from '../../../lib/cost/focus/focus-source';

const FIXTURE = resolve(__dirname, '../../fixtures/focus/small');
const SEPT = join(FIXTURE, 'focus-2026-09.csv');
const NOW = new Date('2026-11-10T08:00:00Z');
const QUERY = { from: '2026-09', to: '2026-10' };

const source = (paths: string[]) => new FocusBillingSource({ paths, baseDir: '/', now: () => NOW });
const sum = (rows: readonly MonthlyCostRow[]) =>
  rows.reduce((a, r) => a.plus(r.unblendedCost), new Decimal(0)).toFixed();

/** The September fixture with extra columns: each line gets `values(i)` appended. */
function withColumns(names: string[], values: (i: number) => string[]): string {
  const [header, ...lines] = readFileSync(SEPT, 'utf8').trimEnd().split('\n');
  return [`${header},${names.join(',')}`, ...lines.map((l, i) => `${l},${values(i).join(',')}`)].join('\n');
}

describe('FOCUS inputs', () => {
  let tmp: string;
  beforeAll(() => (tmp = mkdtempSync(join(tmpdir(), 'focus-inputs-'))));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('refuses two copies of an export in the same folder, naming both files', async () => {
    const dir = join(tmp, 'same-folder');
    mkdirSync(dir);
    copyFileSync(SEPT, join(dir, 'export.csv'));
    copyFileSync(SEPT, join(dir, 'export (1).csv'));
    await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
      `FOCUS export has billing period 2026-09 of account 123456789012 in 2 files: ${dir}/export (1).csv, ${dir}/export.csv. Adding both would count the month twice.`,
    );
  });

  it('accepts the numbered parts Data Exports splits one billing period into', async () => {
    const dir = join(tmp, 'parts');
    mkdirSync(dir);
    const [header, ...lines] = readFileSync(SEPT, 'utf8').trimEnd().split('\n');
    writeFileSync(join(dir, 'council-focus-00001.csv'), [header, ...lines.slice(0, 3)].join('\n'));
    writeFileSync(join(dir, 'council-focus-00002.csv'), [header, ...lines.slice(3)].join('\n'));
    const whole = await source([SEPT]).fetch(QUERY);
    const parts = await source([dir]).fetch(QUERY);
    expect(parts.rows).toEqual(whole.rows);
  });

  it('counts only AWS rows of a multi-provider FOCUS file and states the others in a caveat', async () => {
    const dir = join(tmp, 'multi-cloud');
    mkdirSync(dir);
    const aws = await source([SEPT]).fetch(QUERY);
    // Every line once as AWS, and the first two again as Microsoft and Oracle.
    const [header, ...lines] = withColumns(['ProviderName'], () => ['AWS']).split('\n');
    const other = lines.slice(0, 2).map((l, i) => l.replace(/,AWS$/, i === 0 ? ',Microsoft' : ',Oracle'));
    writeFileSync(join(dir, 'focus.csv'), [header, ...lines, ...other].join('\n'));
    const mixed = await source([dir]).fetch(QUERY);
    expect(mixed.rows).toEqual(aws.rows);
    expect(sum(mixed.rows)).toBe(sum(aws.rows));
    expect(mixed.otherProviders).toEqual([
      { provider: 'Microsoft', currency: 'USD', billedCost: '10.123456', effectiveCost: '9.500001' },
      { provider: 'Oracle', currency: 'USD', billedCost: '10.123456', effectiveCost: '9.500001' },
    ]);
  });

  it('reads ServiceProviderName (FOCUS 1.2 and later) when ProviderName is absent', async () => {
    const dir = join(tmp, 'focus-1-2');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'focus.csv'),
      withColumns(['ServiceProviderName'], (i) => [i === 0 ? 'Microsoft' : 'AWS']),
    );
    const r = await source([dir]).fetch(QUERY);
    expect(sum(r.rows)).toBe(new Decimal('309.165245').minus('10.123456').toFixed());
    expect(r.otherProviders?.map((p) => p.provider)).toEqual(['Microsoft']);
  });

  it('treats the text NULL as null in nullable columns (Tags) of a CSV dump', async () => {
    const dir = join(tmp, 'null-text');
    mkdirSync(dir);
    const text = readFileSync(SEPT, 'utf8').replace(
      /"\{""Application"":""revenues"",""MigrationWave"":""wave-2""\}"/g,
      'NULL',
    );
    writeFileSync(join(dir, 'focus.csv'), text);
    const r = await source([dir]).fetch(QUERY);
    expect(sum(r.rows)).toBe('309.165245');
    expect(r.rows.filter((x) => x.application === 'revenues' && x.wave === 'wave-2')).toEqual([]);
  });

  it('still refuses NULL in a column that must hold a value (BilledCost)', async () => {
    const dir = join(tmp, 'null-cost');
    mkdirSync(dir);
    const [header, first, ...rest] = readFileSync(SEPT, 'utf8').split('\n');
    writeFileSync(
      join(dir, 'focus.csv'),
      [header, first!.replace(',10.123456,9.500001,', ',NULL,9.500001,'), ...rest].join('\n'),
    );
    await expect(source([dir]).fetch(QUERY)).rejects.toThrow(
      `FOCUS export file ${dir}/focus.csv: BilledCost "NULL" is not a number (1 bad line(s) in all)`,
    );
  });
});

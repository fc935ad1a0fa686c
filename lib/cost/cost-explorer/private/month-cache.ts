import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChargeCategory, MonthlyCostRow } from '../../billing/types';

const CACHE_VERSION = 2;
const CATEGORIES: readonly ChargeCategory[] = ['usage', 'purchase', 'tax', 'credit', 'adjustment'];

interface CacheFile {
  readonly version: number;
  readonly month: string;
  readonly queryKey: string;
  readonly rows: readonly MonthlyCostRow[];
}

function isRow(value: unknown, month: string): value is MonthlyCostRow {
  if (!value || typeof value !== 'object') return false;
  const r = value as Record<string, unknown>;
  const nullableString = (v: unknown): boolean => v === null || typeof v === 'string';
  return (
    r.month === month &&
    nullableString(r.application) &&
    nullableString(r.wave) &&
    typeof r.service === 'string' &&
    CATEGORIES.includes(r.chargeCategory as ChargeCategory) &&
    typeof r.amortizedCost === 'string' &&
    /^-?\d+(\.\d+)?$/.test(r.amortizedCost) &&
    typeof r.unblendedCost === 'string' &&
    /^-?\d+(\.\d+)?$/.test(r.unblendedCost) &&
    (r.currency === 'USD' || r.currency === 'GBP') &&
    (r.breakdown === undefined || r.breakdown === 'tags' || r.breakdown === 'service')
  );
}

/**
 * Closed months on disk, one JSON file per month and query shape (`<month>.<queryKey>.json`).
 * Writes are atomic (temp file in the same folder, then rename), so a crash never leaves a
 * half-written month that a later run would trust.
 */
export class MonthCache {
  constructor(
    private readonly dir: string,
    private readonly queryKey: string,
  ) {}

  fileFor(month: string): string {
    return join(this.dir, `${month}.${this.queryKey}.json`);
  }

  /** The cached rows, or undefined when the month is not cached (or the file is not ours). */
  async read(month: string): Promise<MonthlyCostRow[] | undefined> {
    let text: string;
    try {
      text = await readFile(this.fileFor(month), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(
        `Cannot read the Cost Explorer cache file ${this.fileFor(month)}: ${(e as Error).message}`,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return undefined; // unreadable cache: fetch the month again rather than trust it
    }
    const f = parsed as Partial<CacheFile>;
    if (
      f.version !== CACHE_VERSION ||
      f.month !== month ||
      f.queryKey !== this.queryKey ||
      !Array.isArray(f.rows)
    ) {
      return undefined;
    }
    if (!f.rows.every((r) => isRow(r, month))) return undefined;
    return [...f.rows];
  }

  async write(month: string, rows: readonly MonthlyCostRow[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.fileFor(month);
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const body: CacheFile = { version: CACHE_VERSION, month, queryKey: this.queryKey, rows };
    try {
      await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`, 'utf8');
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw new Error(`Cannot write the Cost Explorer cache file ${target}: ${(e as Error).message}`);
    }
  }
}

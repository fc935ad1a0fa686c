/**
 * Billing source running the FOCUS aggregation where the data lives: the same SQL as the DuckDB
 * source (lib/cost/focus/focus-sql.ts, Trino dialect), over the Glue table declared on
 * the Data Exports Parquet files, through Athena. Reads only the billing periods asked for
 * (partition `billing_period`). A failed, cancelled or interrupted query is an error: no partial
 * total is ever returned.
 */
import type { AthenaClient } from '@aws-sdk/client-athena';
import { Money as Decimal } from '../../shared/money';
import { monthRange } from '../../shared/months';
import type { BillingQuery, BillingResult, BillingSource } from '../billing/types';
import { FOCUS_CHARGE_CATEGORIES } from '../focus/focus-columns';
import { FocusExportError } from '../focus/focus-error';
import { focusTableColumnTypes, FOCUS_TABLE_PARTITION } from '../focus/focus-table';
import { billingResultFromGroups, type FocusGroup } from '../focus/focus-groups';
import { aggregateSql, ATHENA_DIALECT, normalisedSql } from '../focus/focus-sql';
import { sqlString } from '../focus/resolve-inputs';
import { AthenaQueryError } from './athena-error';
import { runQuery, type QueryAnswer } from './private/run-query';

/** Athena's list price per TB scanned (10^12 bytes), USD, with a 10 MB minimum per query. */
export const ATHENA_PRICE_PER_TB_USD = '5';
const MIN_BYTES_PER_QUERY = 10 * 1024 * 1024;

export interface AthenaSourceProps {
  /** The real SDK client, built by the caller (the CLI's `awsClient`, or the monthly job's entry point). */
  readonly client: AthenaClient;
  /** Workgroup (encrypted results, bytes-scanned limit: the CostGovernanceStack's). */
  readonly workGroup: string;
  /** Glue database and table over the FOCUS export. */
  readonly database: string;
  readonly table: string;
  /** @default 'AwsDataCatalog' */
  readonly catalog?: string;
  /** The clock; decides which month is still open. */
  readonly now: () => Date;
  /** Waits between polls. */
  readonly sleep: (ms: number) => Promise<void>;
  /** @default 1000 */
  readonly pollIntervalMs?: number;
  /** Aborted on interrupt: the running query is stopped on Athena. */
  readonly signal?: AbortSignal;
  /** @default 'Application' */
  readonly applicationTagKey?: string;
  /** @default 'MigrationWave' */
  readonly waveTagKey?: string;
}

const IDENTIFIER = /^[a-z0-9_]{1,255}$/;

export class AthenaBillingSource implements BillingSource {
  private scanned = 0;
  private billedBytes = 0;
  private queries = 0;

  constructor(private readonly props: AthenaSourceProps) {
    for (const [name, v] of [
      ['database', props.database],
      ['table', props.table],
    ] as const) {
      if (!IDENTIFIER.test(v))
        throw new AthenaQueryError(`Athena ${name} "${v}" must be lower-case letters, digits and _`);
    }
  }

  /** Bytes scanned by this source's queries so far. */
  get bytesScanned(): number {
    return this.scanned;
  }

  /** Queries run so far. */
  get queryCount(): number {
    return this.queries;
  }

  /** What the scans cost at list price, USD decimal string (10 MB minimum per query). */
  get scanCostUsd(): string {
    return new Decimal(this.billedBytes).times(ATHENA_PRICE_PER_TB_USD).div('1e12').toFixed(4);
  }

  async fetch(query: BillingQuery): Promise<BillingResult> {
    const months = monthRange(query.from, query.to);
    if (months.length === 0)
      throw new Error(`The month range ${query.from}..${query.to} is empty: "from" is after "to"`);
    const now = this.props.now();
    const table = `"${this.props.database}"."${this.props.table}"`;
    const reader = `(SELECT * FROM ${table} WHERE ${FOCUS_TABLE_PARTITION.name} BETWEEN ${sqlString(query.from)} AND ${sqlString(query.to)})`;
    const rowsSql = normalisedSql(
      reader,
      focusTableColumnTypes(),
      this.props.applicationTagKey ?? 'Application',
      this.props.waveTagKey ?? 'MigrationWave',
      ATHENA_DIALECT,
    );
    const what = `Athena query over ${this.props.database}.${this.props.table} for ${query.from}..${query.to}`;
    const answer = await this.run(`WITH focus_rows AS (${rowsSql})\n${aggregateSql('focus_rows')}`, what);
    const groups = answer.rows.map(toGroup);

    const badLines = groups.reduce((n, g) => n + Number(g.bad_lines), 0);
    if (badLines > 0) {
      const bad = await this.run(
        `WITH focus_rows AS (${rowsSql})\nSELECT file, bad FROM focus_rows WHERE bad IS NOT NULL ORDER BY file LIMIT 1`,
        `${what} (first bad line)`,
      );
      throw new FocusExportError(
        `FOCUS export file ${bad.rows[0]?.file}: ${bad.rows[0]?.bad} (${badLines} bad line(s) in all); fix or remove the file, no total was computed`,
      );
    }
    for (const g of groups) {
      if (!g.is_aws) continue;
      if (!(g.category! in FOCUS_CHARGE_CATEGORIES))
        throw new FocusExportError(
          `FOCUS export file ${g.file}: ChargeCategory ${JSON.stringify(g.category)} is not a FOCUS 1.0 category (${Object.keys(FOCUS_CHARGE_CATEGORIES).join(', ')})`,
        );
      if (g.currency !== 'USD' && g.currency !== 'GBP')
        throw new FocusExportError(
          `FOCUS export file ${g.file}: BillingCurrency ${JSON.stringify(g.currency)} is not supported (USD or GBP)`,
        );
    }
    return billingResultFromGroups(groups, months, now, {
      kind: 'athena',
      description: `FOCUS 1.0 export in Athena: table ${this.props.database}.${this.props.table}, workgroup ${this.props.workGroup}`,
    });
  }

  private async run(sql: string, what: string): Promise<QueryAnswer> {
    this.queries += 1;
    const answer = await runQuery(
      this.props.client,
      sql,
      {
        workGroup: this.props.workGroup,
        database: this.props.database,
        catalog: this.props.catalog ?? 'AwsDataCatalog',
      },
      {
        sleep: this.props.sleep,
        pollIntervalMs: this.props.pollIntervalMs ?? 1000,
        ...(this.props.signal ? { signal: this.props.signal } : {}),
      },
      what,
    );
    this.scanned += answer.bytesScanned;
    this.billedBytes += Math.max(answer.bytesScanned, MIN_BYTES_PER_QUERY);
    return answer;
  }
}

function toGroup(r: Record<string, string | null>): FocusGroup {
  const num = (v: string | null | undefined) => Number(v ?? 0);
  const text = (k: string): string | null => r[k] ?? null;
  return {
    file: r.file ?? '',
    provider: r.provider ?? 'AWS',
    is_aws: r.is_aws === 'true',
    account: text('account'),
    billing_month: text('billing_month'),
    month: text('month'),
    application: text('application'),
    wave: text('wave'),
    service: text('service'),
    category: text('category'),
    currency: text('currency'),
    amortized: text('amortized'),
    unblended: text('unblended'),
    period_end: text('period_end'),
    bad_lines: num(r.bad_lines),
    lines: num(r.lines),
  };
}

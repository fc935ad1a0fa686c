import type { FindingLevel, FindingStatus } from '../ledger';

/** One line of the audit report: a rule against a resource (or the whole app), with its outcome. */
export interface AuditRow {
  /** Pack or plugin, e.g. "AwsSolutions", "NIST.800.53.R5", "UKPublicSector", "cdk-validator-cfnguard". */
  readonly pack: string;
  /** Top-level stack the resource belongs to; "(app)" for app-wide rows. */
  readonly stack: string;
  readonly ruleId: string;
  /** Construct path of the resource; empty for app-wide rows. */
  readonly resourcePath: string;
  readonly resourceType: string;
  readonly level: FindingLevel;
  readonly status: FindingStatus;
  /** NCSC Cloud Security Principle numbers, e.g. "2, 13". */
  readonly ncsc: string;
  readonly description: string;
  /** Suppression reason, evaluation error, or note. */
  readonly reason: string;
}

export const APP_WIDE = '(app)';

export interface StatusCounts {
  pass: number;
  fail: number;
  suppressed: number;
  'not-applicable': number;
  error: number;
  /** Failures and evaluation errors at level "error" that no register entry suppresses. */
  unsuppressedErrors: number;
  /** Failures at level "warning" or "info". */
  warnings: number;
}

export function emptyCounts(): StatusCounts {
  return {
    pass: 0,
    fail: 0,
    suppressed: 0,
    'not-applicable': 0,
    error: 0,
    unsuppressedErrors: 0,
    warnings: 0,
  };
}

export function isUnsuppressedError(row: AuditRow): boolean {
  return (row.status === 'fail' || row.status === 'error') && row.level === 'error';
}

export function addToCounts(c: StatusCounts, row: AuditRow): void {
  c[row.status] += 1;
  if (isUnsuppressedError(row)) c.unsuppressedErrors += 1;
  else if (row.status === 'fail' || row.status === 'error') c.warnings += 1;
}

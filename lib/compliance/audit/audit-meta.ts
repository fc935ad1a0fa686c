/** Facts printed at the top of every audit output. */
export interface AuditMeta {
  /** Estate id and name, e.g. "peterborough — Peterborough City Council". */
  readonly estate: string;
  /** ISO timestamp of the run (passed in). */
  readonly generatedAt: string;
  /** The register file used. */
  readonly registerFile: string;
  /** Whether the Control Tower controls ran. */
  readonly controlTower: boolean;
  /**
   * The plan's warnings (software leaving support, VPC-wide flow sources, quotas), one line each.
   * @default - none listed
   */
  readonly planWarnings?: readonly string[];
  /** The break-glass reason the synth was given (context `estate:break-glass`), if any. */
  readonly breakGlass?: string;
  /** Register entries past their review date on the audit day, one `file:line:col` line each. */
  readonly expired: readonly string[];
  /**
   * Register entries due for review within 30 days of the audit day (not yet expired), one line each.
   * @default - none listed
   */
  readonly expiringSoon?: readonly string[];
}

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
} from 'aws-cdk-lib';
import type { ComplianceLedger } from './compliance-ledger';

/** File the ledger is written to, inside the cloud assembly directory. */
export const LEDGER_FILE = 'compliance-ledger.json';

/**
 * A validation plugin that reports nothing itself: registered after the packs, it writes the
 * ledger they filled (every pass, failure, suppression and not-applicable rule) next to the
 * templates so that the audit report can list them.
 */
export class ComplianceLedgerPlugin implements IPolicyValidationPlugin {
  readonly name = 'ComplianceLedger';

  constructor(private readonly ledger: ComplianceLedger) {}

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const first = context.templatePaths[0];
    if (first) {
      const dir = dirname(first);
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, LEDGER_FILE),
        `${JSON.stringify({ findings: this.ledger.toFindings() }, undefined, 1)}\n`,
      );
    }
    return { success: true, violations: [] };
  }
}

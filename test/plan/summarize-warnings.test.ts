/**
 * Warnings summarized: the same warning about many items prints once with the count and the first
 * few locations (verbose: every one). At 1,000 servers (the bench's generated estate) the plan's
 * warnings and the synth's validation findings together stay under 200 lines.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from '../../lib/app/plan-checks';
import { loadPlan, summarizePlanWarnings, type PlanProblem } from '../../lib/plan';
import { formatFindings, type ValidationFinding } from '../../lib/shared/validation-report';
import { writeSyntheticEstate } from '../../scripts/bench/synthetic-estate';

const mysql = (i: number): PlanProblem => ({
  file: 'databases.yaml',
  line: 10 + i * 33,
  column: 5,
  path: `databases[${i}].version`,
  message: 'Amazon RDS for MySQL 8.0: RDS standard support ends on 2026-07-31',
});

test('the same warning about many items prints once, with the count and the first three locations', () => {
  const lines = summarizePlanWarnings([mysql(1), mysql(5), mysql(9), mysql(13), mysql(17)]);
  expect(lines).toEqual([
    'warning: databases.yaml databases[].version: Amazon RDS for MySQL 8.0: RDS standard support ends on 2026-07-31' +
      ' — 5 items: databases.yaml:43:5, databases.yaml:175:5, databases.yaml:307:5 and 2 more (--verbose lists every one)',
  ]);
});

test('a warning about one item prints as before; --verbose prints every item', () => {
  expect(summarizePlanWarnings([mysql(1)])).toEqual([
    'warning: databases.yaml:43:5 databases[1].version: Amazon RDS for MySQL 8.0: RDS standard support ends on 2026-07-31',
  ]);
  expect(summarizePlanWarnings([mysql(1), mysql(5)], { verbose: true })).toHaveLength(2);
});

test('validation findings of one rule over many constructs print once with the count and first paths', () => {
  const findings: ValidationFinding[] = Array.from({ length: 950 }, (_, i) => ({
    plugin: 'CloudFormation Validate',
    rule: 'W9010',
    severity: 'warning',
    description: 'ImageId: Hardcoded AMI ID - use a parameter or mapping for portability',
    constructPaths: [`Estate-Wave01-App/Server${i}/Instance/Resource`],
  }));
  expect(formatFindings(findings)).toEqual([
    'WARNING [CloudFormation Validate] W9010: ImageId: Hardcoded AMI ID - use a parameter or mapping for portability' +
      ' (950 construct(s), first: Estate-Wave01-App/Server0/Instance/Resource, Estate-Wave01-App/Server1/Instance/Resource,' +
      ' Estate-Wave01-App/Server2/Instance/Resource and 947 more)',
  ]);
  expect(formatFindings(findings, true)).toHaveLength(950);
});

test('at 1,000 servers the plan warnings and the synth findings take at most 200 lines', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'summarize-')), 'estate-1000');
  writeSyntheticEstate(dir, 1000);
  const plan = loadPlan(dir, { checks: ESTATE_PLAN_CHECKS, warnings: ESTATE_PLAN_WARNINGS });
  // Findings one per construct, as the main job reads validation-report.json (at 1,000 servers before
  // lib/app/pinned-images.ts, W9010 was one per server too): grouping keeps them to a line each.
  const perServer = (plugin: string, rule: string, description: string, n: number): ValidationFinding[] =>
    Array.from({ length: n }, (_, i) => ({
      plugin,
      rule,
      severity: 'warning',
      description,
      constructPaths: [`Synthetic-Wave01/Server${i}/Instance/Resource`],
    }));
  const findings = [
    ...perServer('CloudFormation Validate', 'W9010', 'ImageId: Hardcoded AMI ID', 950),
    ...perServer(
      'ExitReadiness',
      'ExitReadiness-ImageNotExportable',
      "The server's image cannot leave AWS",
      950,
    ),
    ...perServer('ExitReadiness', 'ExitReadiness-DatabaseExitDegraded', 'The database exits degraded', 70),
  ];
  const verbose = [
    ...summarizePlanWarnings(plan.warnings, { verbose: true }),
    ...formatFindings(findings, true),
  ];
  const lines = [...summarizePlanWarnings(plan.warnings), ...formatFindings(findings)];
  expect(verbose.length).toBeGreaterThan(2000);
  expect(lines.length).toBeLessThanOrEqual(200);
}, 120_000);

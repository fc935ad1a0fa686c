/**
 * The bundled example (migration-plans/peterborough) with every cdk-nag pack and its compliance
 * register: no unsuppressed error may remain. (The Control Tower controls run in `npm run audit`
 * only: cfn-guard is too slow for the test suite.) Synthesized once, in-process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEstateApp } from '../../lib/app';
import { PINNED_IMAGES_REASON } from '../../lib/app/pinned-images';
import { applyCompliance, LEDGER_FILE, loadRegister, type LedgerFinding } from '../../lib/compliance';
import { loadPlan } from '../../lib/plan';
import { sharedAssembly } from '../support/shared-assembly';
import { parseValidationReport, type ValidationReportFile } from '../../lib/shared/validation-report';
import { tinyApp } from './support/tiny-app';
import { unsuppressedErrors } from './support/unsuppressed-errors';
import { buildEstateModel } from '../../lib/estate-model';

const PLAN = join(__dirname, '..', '..', 'migration-plans', 'peterborough');
let errors: string[];
let ledger: LedgerFinding[];
let report: ValidationReportFile;

beforeAll(() => {
  // Synthesized once per source tree, shared with later runs (test/support/shared-assembly.ts).
  const dir = sharedAssembly({ name: 'peterborough-packs', testFile: __filename }, () => {
    const app = tinyApp({ '@aws-cdk/core:failSynthOnValidationErrors': false });
    const plan = loadPlan(PLAN);
    buildEstateApp(app, plan);
    applyCompliance(app, buildEstateModel(plan), loadRegister(join(PLAN, 'compliance-register.yaml')), {
      now: new Date('2026-11-28T00:00:00Z'),
      ledger: true,
    });
    return app.synth().directory;
  });
  errors = unsuppressedErrors(dir);
  report = parseValidationReport(readFileSync(join(dir, 'validation-report.json'), 'utf8'), dir);
  ledger = (JSON.parse(readFileSync(join(dir, LEDGER_FILE), 'utf8')) as { findings: LedgerFinding[] })
    .findings;
});

test('no unsuppressed error remains in any pack', () => {
  expect(errors).toEqual([]);
});

test('the UK pack evaluated every rule against the estate and every suppression carries its reason', () => {
  const uk = ledger.filter((f) => f.pack === 'UKPublicSector');
  for (const rule of [
    'AllowedRegion',
    'CustomerManagedKey',
    'MandatoryTags',
    'BackupSelected',
    'NoPublicAccess',
    'InstanceInVpc',
    'DatabaseTls',
    'VpcFlowLogs',
    'SecretRotation',
    'Operated',
  ]) {
    expect(uk.some((f) => f.ruleId === `UKPublicSector-${rule}` && f.status === 'pass')).toBe(true);
  }
  expect(ledger.filter((f) => f.status === 'suppressed' && !(f.reason ?? '').includes('review by'))).toEqual(
    [],
  );
});

test('pinned AMI ids (W9010) are answered on the migrated servers with the design reason, not by the register', () => {
  const validate = report.pluginReports.find((p) => p.pluginName === 'CloudFormation Validate');
  expect(validate).toBeDefined(); // template validation ran in this synth
  expect(validate!.violations.filter((v) => v.ruleName.endsWith('W9010'))).toEqual([]);
  const answered = (validate!.suppressedViolations ?? []).filter((v) => v.ruleName.endsWith('W9010'));
  const paths = answered.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath));
  // Every rebuilt or imported server of the example (the five image-lock servers among them).
  expect(paths).toEqual(
    expect.arrayContaining(['Peterborough-Wave01-Wave1-DirectoryServices/PccDc01/Instance/Resource']),
  );
  expect(paths.length).toBeGreaterThanOrEqual(10);
  for (const p of paths) expect(p).toMatch(/^Peterborough-Wave\d+-[^/]+\/[A-Za-z0-9]+\/Instance\/Resource$/);
  for (const v of answered) expect(v.reason).toBe(PINNED_IMAGES_REASON);
  expect(readFileSync(join(PLAN, 'compliance-register.yaml'), 'utf8')).not.toContain('W9010');
});

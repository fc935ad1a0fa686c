/** Error-level findings left in a synthesized cloud assembly's validation report, one line each. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseValidationReport } from '../../../lib/shared/validation-report';

export function unsuppressedErrors(assemblyDir: string): string[] {
  const report = parseValidationReport(
    readFileSync(join(assemblyDir, 'validation-report.json'), 'utf8'),
    'validation-report.json',
  );
  return report.pluginReports.flatMap((p) =>
    p.violations
      .filter((v) => v.severity === 'error')
      .flatMap((v) => v.violatingConstructs.map((c) => `${p.pluginName} ${v.ruleName} ${c.constructPath}`)),
  );
}

import { readdirSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { PlanProblem } from '../../plan/errors';
import type { ComplianceRegister } from '../register';

/** Pack name the cfn-guard plugin reports under. */
export const CONTROL_TOWER_PACK = 'cdk-validator-cfnguard';

function listGuardFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? listGuardFiles(join(dir, e.name))
      : e.name.endsWith('.guard')
        ? [parse(e.name).name]
        : [],
  );
}

/** Names (file names without `.guard`) of the Control Tower proactive controls shipped with the validator. */
export function controlTowerControlNames(): string[] {
  const root = dirname(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
  return listGuardFiles(join(root, 'rules', 'control-tower')).sort();
}

/** Register entries that disable a control the validator does not ship, as problems. */
export function unknownControls(register: ComplianceRegister, known: readonly string[]): PlanProblem[] {
  const set = new Set(known);
  return register.disabledControls.flatMap((c, i) =>
    set.has(c.control)
      ? []
      : [
          {
            file: c.location.file,
            line: c.location.line,
            column: c.location.column,
            path: `disabledControls[${i}].control`,
            message: 'names no Control Tower proactive control shipped with @cdklabs/cdk-validator-cfnguard',
            received: JSON.stringify(c.control),
          },
        ],
  );
}

/** The cfn-guard validator with Control Tower rules, minus the controls the register disables. */
export function controlTowerValidator(register: ComplianceRegister): CfnGuardValidator {
  return new CfnGuardValidator({
    controlTowerRulesEnabled: true,
    disabledRules: register.disabledControls.map((c) => c.control),
    maxBuffer: 256 * 1024 * 1024,
  });
}

/**
 * What `plan validate` checks in the plan folder's compliance-register.yaml without synthesizing:
 * its structure (file:line:column), that it belongs to the plan's estate, the Control Tower
 * control names it disables, and its review dates. An entry whose scope matches no construct can
 * only be found at synth (the register is applied to the built app then).
 */
import { basename } from 'node:path';
import type { PlanProblem } from '../plan/errors';
import { controlTowerControlNames, unknownControls } from './control-tower';
import { expiredEntries, loadDefaultRegister, RegisterError, type ComplianceRegister } from './register';

/** The register's own file name in the plan folder. */
export const REGISTER_FILE = 'compliance-register.yaml';

/** A register that names another estate than the plan's (`estateId`), as a problem. */
export function estateMismatch(register: ComplianceRegister, estateId: string): PlanProblem[] {
  if (register.estate === estateId || register.file === '<none>') return [];
  return [
    {
      file: basename(register.file),
      line: 1,
      path: 'estate',
      message: `belongs to estate "${register.estate}", not "${estateId}"`,
      received: JSON.stringify(register.estate),
    },
  ];
}

/**
 * Every problem of the register at `file` (absent: nothing is suppressed, no problem) for the
 * estate `estateId` (undefined when the plan itself could not be read: the estate is not compared)
 * on the day `now`. Reads the file; throws only for errors that are not the register's.
 */
export function checkRegister(file: string, estateId: string | undefined, now: Date): PlanProblem[] {
  let register: ComplianceRegister;
  try {
    register = loadDefaultRegister(file, estateId ?? '');
  } catch (e) {
    if (e instanceof RegisterError) return [...e.problems];
    throw e;
  }
  return [
    ...(estateId === undefined ? [] : estateMismatch(register, estateId)),
    ...unknownControls(register, controlTowerControlNames()),
    ...expiredEntries(register, now),
  ];
}

/** Every command the `estate` CLI knows, in help order. Each capability registers its own here. */
import type { JobSystem } from '../app';
import type { AuditSystem } from '../compliance';
import { auditCommand } from './audit-command';
import type { Command } from './command';
import { costEstimateCommand, costRefreshPricesCommand, costReportCommand } from './cost';
import { planShowCommand } from './plan-show';
import { planValidateCommand } from './plan-validate';
import { startCommand } from './start-command';

/** The commands that need no process or file access beyond the CliIo. */
export const COMMANDS: readonly Command[] = [
  planValidateCommand,
  planShowCommand,
  costReportCommand,
  costEstimateCommand,
  costRefreshPricesCommand,
];

/** What `estate start` and `estate audit` run processes and touch files through (bin/ passes the real ones). */
export interface EstateSystem extends JobSystem, AuditSystem {}

/** Every command, `start` and `audit` first. */
export function estateCommands(system: EstateSystem): readonly Command[] {
  return [startCommand(system), auditCommand(system, system.clockMs), ...COMMANDS];
}

/** Every command the `estate` CLI knows, in help order. Each capability registers its own here. */
import type { EstateAuditSystem, JobSystem } from '../app';
import { auditCommand } from './audit-command';
import type { Command } from './command';
import { costEstimateCommand, costRefreshPricesCommand, costReportCommand } from './cost';
import { exitExportCommand, exitPlanCommand } from './exit';
import { planShowCommand } from './plan-show';
import { planValidateCommand } from './plan-validate';
import { startCommand } from './start-command';
import { imagesRefreshCommand } from './migrate/images-refresh-command';
import { migrateAdoptCommand } from './migrate/migrate-adopt-command';
import { migrateConfigureCommand } from './migrate/migrate-configure-command';
import { migrateExportCsvCommand } from './migrate/migrate-export-csv-command';
import { migrateRunbookCommand } from './migrate/migrate-runbook-command';
import { migrateStatusCommand } from './migrate/migrate-status-command';
import { migrateInitCommand } from './migrate/migrate-init-command';
import {
  migrateArchiveCommand,
  migrateCutoverCommand,
  migrateFinalizeCommand,
  migrateMarkReadyCommand,
  migrateRevertCommand,
  migrateTestCommand,
} from './migrate/migrate-lifecycle-commands';
import {
  migrateDbStartCommand,
  migrateDbStatusCommand,
  migrateDbStopCommand,
} from './migrate/migrate-db-command';

/** The commands that need no process or file access beyond the CliIo. */
export const COMMANDS: readonly Command[] = [
  planValidateCommand,
  planShowCommand,
  costReportCommand,
  costEstimateCommand,
  costRefreshPricesCommand,
  imagesRefreshCommand,
  migrateInitCommand,
  migrateStatusCommand,
  migrateConfigureCommand,
  migrateTestCommand,
  migrateRevertCommand,
  migrateMarkReadyCommand,
  migrateCutoverCommand,
  migrateFinalizeCommand,
  migrateAdoptCommand,
  migrateArchiveCommand,
  migrateExportCsvCommand,
  migrateRunbookCommand,
  migrateDbStartCommand,
  migrateDbStatusCommand,
  migrateDbStopCommand,
  exitPlanCommand,
  exitExportCommand,
];

/** What `estate start` and `estate audit` run processes and touch files through (bin/ passes the real ones). */
export interface EstateSystem extends JobSystem, EstateAuditSystem {}

/** Every command, `start` and `audit` first. */
export function estateCommands(system: EstateSystem): readonly Command[] {
  return [startCommand(system), auditCommand(system, system.clockMs), ...COMMANDS];
}

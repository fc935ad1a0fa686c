/** Every command the `estate` CLI knows, in help order. Each capability registers its own here. */
import type { Command } from './command';
import { planShowCommand } from './plan-show';
import { planValidateCommand } from './plan-validate';
import { imagesRefreshCommand } from '../migration/cli/images-refresh-command';
import { migrateAdoptCommand } from '../migration/cli/migrate-adopt-command';
import { migrateConfigureCommand } from '../migration/cli/migrate-configure-command';
import { migrateStatusCommand } from '../migration/cli/migrate-status-command';
import { migrateRunbookCommand } from '../migration/cli/migrate-runbook-command';
import { costEstimateCommand, costRefreshPricesCommand, costReportCommand } from '../cost/cli';

export const COMMANDS: readonly Command[] = [
  planValidateCommand,
  planShowCommand,
  costReportCommand,
  costEstimateCommand,
  costRefreshPricesCommand,
  imagesRefreshCommand,
  migrateStatusCommand,
  migrateConfigureCommand,
  migrateAdoptCommand,
  migrateRunbookCommand,
];

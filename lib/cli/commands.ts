/** Every command the `estate` CLI knows, in help order. Each capability registers its own here. */
import type { Command } from './command';
import { planShowCommand } from './plan-show';
import { planValidateCommand } from './plan-validate';
import { costEstimateCommand, costRefreshPricesCommand, costReportCommand } from '../cost/cli';
import { exitExportCommand } from '../exit/cli/exit-export-command';
import { exitPlanCommand } from '../exit/cli/exit-plan-command';

export const COMMANDS: readonly Command[] = [
  planValidateCommand,
  planShowCommand,
  costReportCommand,
  costEstimateCommand,
  costRefreshPricesCommand,
  exitPlanCommand,
  exitExportCommand,
];

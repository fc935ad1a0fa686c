export {
  exitExportCommand,
  exitExportCommandWith,
  realClients,
  type ExitExportDeps,
  type ExportClients,
} from './export-command';
export { exitPlanCommand, exitPlanCommandWith } from './plan-command';

export {
  exitExportCommand,
  exitExportCommandWith,
  realClients,
  type ExitExportDeps,
  type ExportClients,
} from './export-command';
export { exitPlanCommand, exitPlanCommandWith } from './plan-command';
export {
  exitStageCommand,
  exitStageCommandWith,
  realStageClients,
  type ExitStageDeps,
  type StageClients,
} from './stage-command';
export {
  exitRehearseCommand,
  exitRehearseCommandWith,
  realRehearseClients,
  type ExitRehearseDeps,
  type RehearseClients,
} from './rehearse-command';

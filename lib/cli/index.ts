export * from './command';
export { runCli } from './main';
export { COMMANDS, estateCommands, type EstateSystem } from './commands';
export { runMainJob, mainJobSteps, type MainJobOptions } from './start-command';

export * from './command';
export { runCli } from './main';

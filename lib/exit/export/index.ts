export * from './apply-export-result';
export * from './dry-run-export';
export * from './export-manifest';
export * from './export-state';
export * from './export-targets';
export * from './plan-export-calls';
export * from './progress';
export * from './run-export';

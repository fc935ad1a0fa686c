export * from './abort-stage';
export * from './copy-script';
export * from './run-stage';
export * from './stage-state';

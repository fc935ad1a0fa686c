export * from './plan-checks';
export * from './estate-app';
export * from './synth-summary';
export * from './job';
export * from './steps';

export * from './plan-checks';
export * from './estate-app';
export * from './synth-summary';
export * from './job';
export * from './steps';
export * from './estate-synth';
export * from './audit-estate';
export * from './pinned-zones';

export * from './naming';
export * from './cdk-cli';
export * from './plan-checks';
export * from './estate-app';
export * from './synth-summary';
export * from './validation-report';
export * from './job';
export * from './steps';

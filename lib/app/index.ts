export * from './naming';
export * from './cdk-cli';
export * from './estate-app';
export * from './synth-summary';
export * from './validation-report';
export * from './job';
export * from './steps';

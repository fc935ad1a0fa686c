export * from './naming';
export * from './stable-hash';
export * from './money';
export * from './months';
export * from './user-error';
export * from './validation-report';
export * from './cdk-cli';
export * from './stored-violations';

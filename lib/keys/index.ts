export * from './key-purpose';
export * from './key-scopes';
export * from './estate-keys';
export * from './key-provider';

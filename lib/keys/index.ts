export * from './key-purpose';
export * from './key-scopes';
export * from './estate-keys';
export * from './key-administration';
export * from './key-provider';
export * from './grant-policy';
export * from './administered-key';
export * from './backup-copy-policy';

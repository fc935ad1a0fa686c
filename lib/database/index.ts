export * from './engine';
export * from './tier-settings';
export * from './instance-identifier';
export * from './native-backup-bucket';
export * from './database-foundation';
export * from './migrated-database';
export * from './audit-settings';

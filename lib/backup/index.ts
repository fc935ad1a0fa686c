export * from './tier-schedules';
export * from './backup-notifications';
export * from './estate-backup-vault';
export * from './tier-backup-plan';
export * from './gold-restore-testing';
export * from './restore-validation';
export * from './snapshot-quota';
export * from './recovery-vault';

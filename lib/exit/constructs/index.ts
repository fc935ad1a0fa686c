export * from './exit-bucket';
export * from './rds-export-role';
export * from './staging-subnet';
export * from './vmimport-role';
export * from './exit-operator-role';
export * from './staging-worker';

export * from './mgn-replication-template';
export * from './mgn-launch-template';
export * from './mgn-waves';
export * from './mgn-server-landing';
export * from './mgn-launch-target';
export * from './dms-replication';
export * from './mgn-post-launch-actions';
export * from './dms-service-roles';

export * from './instance-spec';
export * from './sizing-decision';
export * from './headroom';
export * from './ec2-catalogue';
export * from './rds-catalogue';
export * from './rds-engine-classes';
export * from './right-size-server';
export * from './right-size-database';

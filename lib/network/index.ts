export * from './subnet-layout';
export * from './flow-log-retention';
export * from './estate-vpc';
export * from './vpc-flow-log';
export * from './service-endpoints';
export * from './hybrid-link';
export * from './landing-zone-network';

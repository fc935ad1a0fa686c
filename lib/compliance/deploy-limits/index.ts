export * from './limit-rule';
export * from './deploy-limit-checks';
export * from './rules';

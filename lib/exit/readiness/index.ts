export * from './exit-readiness-checks';
export * from './exit-rule';
export * from './rules';

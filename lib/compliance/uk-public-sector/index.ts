export * from './rule';
export * from './rules';
export * from './uk-public-sector-checks';

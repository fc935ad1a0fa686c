export * from './account-facts';
export * from './preflight-needs';
export * from './preflight-problems';
export * from './quotas';
export * from './read-account';

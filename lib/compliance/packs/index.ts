export * from './audited-packs';
export * from './cached-packs';
export * from './pack-result-cache';

export * from './audited-packs';

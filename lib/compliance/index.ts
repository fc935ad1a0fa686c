export * from './apply-compliance';
export * from './control-tower';
export * from './ledger';
export * from './ncsc-principles';
export * from './packs';
export * from './register';
export * from './uk-public-sector';
export * from './audit';

export * from './acknowledgement';
export * from './compliance-ledger';
export * from './finding';
export * from './ledger-plugin';
export * from './recorded-rule';

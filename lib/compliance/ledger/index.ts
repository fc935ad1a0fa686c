export * from './acknowledgement';
export * from './answering-rule';
export * from './compliance-ledger';
export * from './finding';
export * from './ledger-plugin';
export * from './recorded-rule';

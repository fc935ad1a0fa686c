export * from './audit-meta';
export * from './audit-row';
export * from './build-audit';
export * from './format-csv';
export * from './format-html';
export * from './format-json';
export * from './run-audit';

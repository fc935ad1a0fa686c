export * from './types';
export * from './estimate';
export * from './format-markdown';
export * from './format-csv';
export * from './extended-support';

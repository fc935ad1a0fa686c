export * from './types';
export * from './months';
export * from './money';
export * from './merge-rows';
export * from './exact-decimal';

export * from './types';
export * from './money';
export * from './merge-rows';

export * from './types';
export * from './compare';
export * from './exchange';
export * from './forecast';
export * from './legacy';
export * from './breakdowns';

export * from './types';
export * from './snapshot';
export * from './lookup';
export * from './refresh';

export * from './focus-columns';
export * from './focus-error';
export * from './focus-source';

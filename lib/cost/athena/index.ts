export * from './athena-error';
export * from './athena-source';

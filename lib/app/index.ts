export * from './naming';
export * from './estate-app';

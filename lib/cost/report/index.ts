export * from './html';
export * from './csv';
export * from './json';
export * from './markdown';
export * from './display';

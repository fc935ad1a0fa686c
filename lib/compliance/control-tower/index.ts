export * from './control-tower-controls';
export * from './cached-control-tower';

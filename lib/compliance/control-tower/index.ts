export * from './control-tower-controls';
export * from './cached-control-tower';
export * from './start-early';

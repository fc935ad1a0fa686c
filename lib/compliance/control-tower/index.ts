export * from './control-tower-controls';

export * from './detective-controls';
export * from './locked-log-bucket';
export * from './organisation-controls';
export * from './session-manager-logging';

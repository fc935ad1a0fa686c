export * from './access-log-bucket';

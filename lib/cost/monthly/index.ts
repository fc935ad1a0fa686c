export * from './aws-delivery';
export * from './cost-explorer-billing';
export * from './monthly-report-job';
export * from './produce-report';

export * from './check-plan-step';
export * from './synth-step';
export * from './synth-summary-step';
export * from './audit-step';

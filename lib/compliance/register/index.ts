export * from './apply-register';
export * from './load-register';
export * from './register';
export * from './register-error';
export * from './review-dates';
export * from './schema';
export * from './scope-pattern';

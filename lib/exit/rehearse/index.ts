export * from './check-objects';
export * from './format-rehearsal-html';
export * from './measured-assumptions';
export * from './rehearsal-report';

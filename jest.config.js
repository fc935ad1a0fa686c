/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // CDK synth with template validation is CPU-heavy: two cores here, keep workers bounded.
  maxWorkers: 2,
  // Template validation answered from .cache/template-validation/ where a template was seen before.
  setupFiles: ['<rootDir>/test/support/jest-setup-validation.ts'],
  // Every temporary file of the run in one folder, removed at the end (KEEP_TEST_FILES=1 keeps it).
  globalSetup: '<rootDir>/test/support/run-temp-folder.js',
  globalTeardown: '<rootDir>/test/support/run-temp-folder-teardown.js',
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};

/** lib/shared/summarize-violations.ts: which warnings are reduced to one block, and what it says. */
import type { PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { summarizeWarningViolations } from '../../lib/shared/summarize-violations';

const violation = (severity: string, n: number): PolicyViolation => ({
  ruleName: `Rule-${severity}-${n}`,
  description: 'Something to know.',
  severity,
  violatingResources: Array.from({ length: n }, (_, i) => ({
    constructPath: `Stack/Server${i}/Instance/Resource`,
    locations: ['Properties'],
  })),
});

const report = (...violations: PolicyViolation[]): PolicyValidationPluginReport => ({
  success: true,
  violations,
});

test('a warning over five resources keeps the first, with the count and three paths', () => {
  const [v] = summarizeWarningViolations(report(violation('warning', 5))).violations;
  expect(v!.violatingResources.map((r) => r.constructPath)).toEqual(['Stack/Server0/Instance/Resource']);
  expect(v!.description).toBe(
    'Something to know. [5 resources, first: Stack/Server0/Instance/Resource, Stack/Server1/Instance/Resource, ' +
      'Stack/Server2/Instance/Resource and 2 more; -c verbose=true prints every one; npm run audit records each]',
  );
});

test('errors, and warnings over one resource, are left as they are', () => {
  const errors = violation('error', 5);
  const single = violation('warning', 1);
  expect(summarizeWarningViolations(report(errors, single)).violations).toEqual([errors, single]);
});

test('three resources are all named, with no "more"', () => {
  const [v] = summarizeWarningViolations(report(violation('warning', 3))).violations;
  expect(v!.description).toContain('[3 resources, first: Stack/Server0/Instance/Resource, ');
  expect(v!.description).not.toContain('more;');
});

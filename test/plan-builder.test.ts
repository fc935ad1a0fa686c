import { buildPlan, minimalPlanInput } from './support/plan-builder';

test('the minimal test plan parses and is frozen', () => {
  const plan = buildPlan();
  expect(plan.servers).toHaveLength(3);
  expect(plan.estate.allowedRegions).toEqual(['eu-west-2']);
  expect(Object.isFrozen(plan.servers[0])).toBe(true);
});

test('an unknown key is a problem', () => {
  const input = minimalPlanInput();
  input.servers.servers[0].cpus = 2;
  expect(() => buildPlan(input)).toThrow(/cpus/);
});

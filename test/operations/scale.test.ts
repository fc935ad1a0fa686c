/**
 * The benchmark's 2,000-server estate (scripts/bench/synthetic-estate.ts: 560 databases, 80
 * applications, 12 waves) with every alarm, patch window and dashboard: every stack stays within
 * CloudFormation's limits (500 resources, 200 outputs), every instance and database has its alarms,
 * and the largest stack is printed. Template validation is off for speed.
 */
import { syntheticEstateAssembly } from '../landing-zone/support/synthetic-assembly';

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Template = { Resources: Record<string, Resource>; Outputs?: Record<string, unknown> };

let templates: Map<string, Template>;

beforeAll(() => {
  // The assembly test/landing-zone/access-shards.test.ts reads too: synthesized once per source tree.
  const { assembly } = syntheticEstateAssembly(2000);
  templates = new Map(assembly.stacks.map((s) => [s.stackName, s.template as Template]));
  const sizes = [...templates].map(([name, t]) => ({ name, n: Object.keys(t.Resources).length }));
  const largest = sizes.sort((a, b) => b.n - a.n)[0]!;
  const ops = sizes.filter((s) => /-(Operations|Health)$/.test(s.name)).map((s) => `${s.name} ${s.n}`);
  console.log(
    `operations at 2,000 servers: ${templates.size} stacks; largest ${largest.name} ${largest.n} resources; ${ops.join(', ')}`,
  );
}, 900_000);

const all = () => [...templates.values()].flatMap((t) => Object.values(t.Resources));

test('no stack exceeds 500 resources or 200 outputs', () => {
  const over = [...templates]
    .map(([name, t]) => ({
      name,
      resources: Object.keys(t.Resources).length,
      outputs: Object.keys(t.Outputs ?? {}).length,
    }))
    .filter((s) => s.resources > 500 || s.outputs > 200);
  expect(over).toEqual([]);
});

test('every instance has three alarms and every database four, besides status checks', () => {
  const resources = all();
  const instances = resources.filter((r) => r.Type === 'AWS::EC2::Instance').length;
  const databases = resources.filter((r) => r.Type === 'AWS::RDS::DBInstance').length;
  const alarms = resources.filter((r) => r.Type === 'AWS::CloudWatch::Alarm');
  const status = alarms.filter((a) =>
    String(a.Properties?.MetricName).startsWith('StatusCheckFailed'),
  ).length;
  expect(instances).toBeGreaterThan(1500);
  expect(databases).toBe(560);
  expect(alarms.length - status).toBe(instances * 3 + databases * 4);
});

test('a composite alarm per application, whatever its size (children at most 100 each)', () => {
  const composites = all().filter((r) => r.Type === 'AWS::CloudWatch::CompositeAlarm');
  const top = composites.filter((c) => !String(c.Properties?.AlarmName).includes('-part'));
  expect(top.length).toBe(80);
  for (const c of composites)
    expect((String(c.Properties?.AlarmRule).match(/ALARM\(/g) ?? []).length).toBeLessThanOrEqual(100);
});

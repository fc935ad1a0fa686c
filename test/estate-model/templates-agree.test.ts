/**
 * One decision, three readers: for every server and database of the bundled example and of a
 * generated 1,000-server estate, the instance type or class, Multi-AZ and availability zone in the
 * synthesized templates equal what `plan show --json` and `cost estimate --json` report. The CLI
 * commands run in-process through runCli on the plan folder on disk; the templates come from one
 * synth without template validation (speed; the bundled-example tests keep validation on).
 */
import { App } from 'aws-cdk-lib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildEstateApp, ESTATE_PLAN_CHECKS } from '../../lib/app';
import { runCli } from '../../lib/cli';
import { loadPlan } from '../../lib/plan';
import { cdkJsonContext, PROJECT_ROOT, tempDir } from '../app/support/cdk-app';
import { captureIo } from '../cli/capture-io';
import { generatedPlanInput } from '../landing-zone/support/generated-plan';

type Json = Record<string, unknown>;

/** What a reader says about one item: type or class, Multi-AZ, availability zone (null: RDS picks). */
interface Seen {
  readonly type: string;
  readonly multiAz: boolean;
  readonly availabilityZone: string | null;
}

async function cliJson(args: string[]): Promise<Json> {
  const io = captureIo(PROJECT_ROOT);
  const code = await runCli(args, io);
  expect([args.join(' '), code, io.err()]).toEqual([args.join(' '), 0, '']);
  return JSON.parse(io.out()) as Json;
}

/** Every EC2 and RDS instance of every template, by its ServerId / DatabaseId tag. */
function fromTemplates(dir: string): Map<string, Seen> {
  const plan = loadPlan(dir, { checks: ESTATE_PLAN_CHECKS });
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    const app = new App({ context: cdkJsonContext(), outdir: tempDir('m-agree') });
    buildEstateApp(app, plan);
    const seen = new Map<string, Seen>();
    for (const stack of app.synth().stacks) {
      const resources = (stack.template as Json).Resources as Record<
        string,
        { Type: string; Properties: Json }
      >;
      for (const r of Object.values(resources)) {
        const tag = (key: string) =>
          ((r.Properties.Tags ?? []) as { Key: string; Value: string }[]).find((t) => t.Key === key)?.Value;
        if (r.Type === 'AWS::EC2::Instance') {
          seen.set(`server:${tag('ServerId')}`, {
            type: r.Properties.InstanceType as string,
            multiAz: false,
            availabilityZone: r.Properties.AvailabilityZone as string,
          });
        }
        if (r.Type === 'AWS::RDS::DBInstance') {
          seen.set(`database:${tag('DatabaseId')}`, {
            type: r.Properties.DBInstanceClass as string,
            multiAz: r.Properties.MultiAZ === true,
            availabilityZone: (r.Properties.AvailabilityZone as string | undefined) ?? null,
          });
        }
      }
    }
    return seen;
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}

/**
 * `plan show --json`: the table rows and the model they come from must say the same. Servers that
 * arrive through AWS MGN get no instance in the templates (MGN launches them); their keys are
 * collected in `mgn`.
 */
function fromPlanShow(show: Json, mgn: Set<string>): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  const model = show.model as { servers: Json[]; databases: Json[] };
  const rows = new Map(
    [...(show.servers as Json[]), ...(show.databases as Json[])].map((r) => [r.id as string, r]),
  );
  for (const s of model.servers) {
    if (!s.landingZone) continue;
    const size = s.size as Json;
    const placement = s.placement as Json;
    const row = rows.get(s.id as string)!;
    expect([s.id, row.instanceType, row.availabilityZone]).toEqual([
      s.id,
      size.instanceType,
      placement.availabilityZone,
    ]);
    seen.set(`server:${s.id}`, {
      type: size.instanceType as string,
      multiAz: false,
      availabilityZone: placement.availabilityZone as string,
    });
    if (((s.routes as Json).entry as Json).route === 'mgn') mgn.add(`server:${s.id}`);
  }
  for (const d of model.databases) {
    if (!d.landingZone) continue;
    const size = d.size as Json;
    const ha = d.highAvailability as Json;
    const row = rows.get(d.id as string)!;
    expect([d.id, row.instanceClass, row.highAvailability]).toEqual([d.id, size.instanceClass, ha.multiAz]);
    seen.set(`database:${d.id}`, {
      type: size.instanceClass as string,
      multiAz: ha.multiAz as boolean,
      availabilityZone: (d.placement as Json).availabilityZone as null,
    });
  }
  return seen;
}

/** `cost estimate --json`: the decision each priced item was priced with. */
function fromEstimate(estimate: Json): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  for (const item of estimate.items as Json[]) {
    if (item.kind === 'shared') continue;
    const priced = item.priced as Json;
    seen.set(`${item.kind}:${item.id}`, {
      type: priced.type as string,
      multiAz: priced.multiAz as boolean,
      availabilityZone: priced.availabilityZone as string | null,
    });
  }
  return seen;
}

/**
 * The three readers over one plan folder; returns how many items plan show decided (every one is
 * priced by the estimate, and every one but the MGN servers is built by the templates).
 */
async function expectAgreement(dir: string): Promise<{ servers: number; databases: number }> {
  const show = await cliJson(['plan', 'show', dir, '--json']);
  const estimate = await cliJson(['cost', 'estimate', '--plan', dir, '--json']);
  const templates = fromTemplates(dir);
  const mgn = new Set<string>();
  const shown = fromPlanShow(show, mgn);
  const priced = fromEstimate(estimate);
  const sorted = (m: Map<string, Seen>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const built = new Map([...shown].filter(([k]) => !mgn.has(k)));
  // What the templates build is what plan show says; what the estimate prices is what plan show
  // says for every item (MGN servers launch with the same type, priced the same).
  expect(sorted(built)).toEqual(sorted(templates));
  expect(sorted(priced)).toEqual(sorted(shown));
  expect([...templates.keys()].some((k) => k.startsWith('server:'))).toBe(true);
  const keys = [...shown.keys()];
  return {
    servers: keys.filter((k) => k.startsWith('server:')).length,
    databases: keys.filter((k) => k.startsWith('database:')).length,
  };
}

describe('templates, plan show --json and cost estimate --json agree', () => {
  test('on the bundled example', async () => {
    const n = await expectAgreement(join(PROJECT_ROOT, 'migration-plans/peterborough'));
    expect(n.servers).toBeGreaterThan(40);
    expect(n.databases).toBe(14);
  });

  test('on a generated 1,000-server estate', async () => {
    const input = generatedPlanInput({ servers: 1000, databases: 280, waves: 10, applications: 30 });
    const dir = join(tempDir('m-generated'), 'plan');
    mkdirSync(dir);
    writeFileSync(join(dir, 'estate.yaml'), stringify(input.estate));
    writeFileSync(join(dir, 'servers.yaml'), stringify(input.servers));
    writeFileSync(join(dir, 'databases.yaml'), stringify(input.databases));
    writeFileSync(join(dir, 'legacy-baseline.yaml'), stringify(input.baseline));
    writeFileSync(join(dir, 'image-lock.yaml'), stringify(input.imageLock));
    const n = await expectAgreement(dir);
    // 1 in 20 generated servers is retired; every database is replatformed.
    expect(n).toEqual({ servers: 950, databases: 280 });
  });
});

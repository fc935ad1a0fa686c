/**
 * One decision, three readers (issue 21's first acceptance point): for every server and database of
 * both bundled estates (Peterborough; Northvale, with a separate non-production account) and of a
 * generated 1,000-server estate (with bring-your-own-licence Windows servers on Dedicated Hosts),
 * the instance type or class, tenancy, allocated storage, Multi-AZ, availability zone and account
 * in the synthesized templates equal what `plan show --json` and `cost estimate --json` report,
 * and the templates' NAT gateways equal the estimate's count. The CLI commands run in-process
 * through runCli on the plan folder on disk; the templates come from one synth per estate without
 * template validation (speed; the bundled-example tests keep validation on), shared with later
 * runs until any source or this file changes.
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildEstateApp, ESTATE_PLAN_CHECKS } from '../../lib/app';
import { runCli } from '../../lib/cli';
import { loadPlan } from '../../lib/plan';
import { cdkJsonContext, PROJECT_ROOT, tempDir } from '../app/support/cdk-app';
import { captureIo } from '../cli/capture-io';
import { generatedPlanInput } from '../landing-zone/support/generated-plan';
import { sharedAssembly } from '../support/shared-assembly';

type Json = Record<string, unknown>;

/**
 * What a reader says about one item: type or class, tenancy (servers; null for databases),
 * allocated storage (databases; null for servers), Multi-AZ, availability zone (null: RDS picks)
 * and the account its stack deploys to.
 */
interface Seen {
  readonly type: string;
  readonly tenancy: string | null;
  readonly allocatedStorageGiB: number | null;
  readonly multiAz: boolean;
  readonly availabilityZone: string | null;
  readonly account: string;
}

interface Readings {
  readonly items: Map<string, Seen>;
  readonly natGateways: number;
}

async function cliJson(args: string[]): Promise<Json> {
  const io = captureIo(PROJECT_ROOT);
  const code = await runCli(args, io);
  expect([args.join(' '), code, io.err()]).toEqual([args.join(' '), 0, '']);
  return JSON.parse(io.out()) as Json;
}

/**
 * Every EC2 and RDS instance of every template, by its ServerId / DatabaseId tag; NAT gateways.
 * The synth is shared with later runs under `name` (sharedAssembly: the plan folder is either
 * under migration-plans/ or written by this file, both part of the key).
 */
function fromTemplates(dir: string, name: string): Readings {
  const plan = loadPlan(dir, { checks: ESTATE_PLAN_CHECKS });
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    const out = sharedAssembly({ name: `agreement-${name}`, testFile: __filename }, () => {
      const app = new App({ context: cdkJsonContext(), outdir: tempDir('m-agree') });
      buildEstateApp(app, plan);
      return app.synth().directory;
    });
    const seen = new Map<string, Seen>();
    let natGateways = 0;
    for (const stack of new CloudAssembly(out).stacks) {
      const account = stack.environment.account;
      const resources = (stack.template as Json).Resources as Record<
        string,
        { Type: string; Properties: Json }
      >;
      for (const r of Object.values(resources)) {
        const tag = (key: string) =>
          ((r.Properties.Tags ?? []) as { Key: string; Value: string }[]).find((t) => t.Key === key)?.Value;
        if (r.Type === 'AWS::EC2::NatGateway') natGateways += 1;
        if (r.Type === 'AWS::EC2::Instance') {
          seen.set(`server:${tag('ServerId')}`, {
            type: r.Properties.InstanceType as string,
            // CloudFormation's default when Tenancy is absent is shared (`default`) tenancy.
            tenancy: (r.Properties.Tenancy as string | undefined) ?? 'default',
            allocatedStorageGiB: null,
            multiAz: false,
            availabilityZone: r.Properties.AvailabilityZone as string,
            account,
          });
        }
        if (r.Type === 'AWS::RDS::DBInstance') {
          seen.set(`database:${tag('DatabaseId')}`, {
            type: r.Properties.DBInstanceClass as string,
            tenancy: null,
            allocatedStorageGiB: Number(r.Properties.AllocatedStorage),
            multiAz: r.Properties.MultiAZ === true,
            availabilityZone: (r.Properties.AvailabilityZone as string | undefined) ?? null,
            account,
          });
        }
      }
    }
    return { items: seen, natGateways };
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
function fromPlanShow(show: Json, mgn: Set<string>): Readings {
  const seen = new Map<string, Seen>();
  const model = show.model as { servers: Json[]; databases: Json[]; accounts: Json[] };
  const rows = new Map(
    [...(show.servers as Json[]), ...(show.databases as Json[])].map((r) => [r.id as string, r]),
  );
  for (const s of model.servers) {
    if (!s.landingZone) continue;
    const size = s.size as Json;
    const placement = s.placement as Json;
    const row = rows.get(s.id as string)!;
    const licensing = s.licensing as Json;
    const account = ((s.stack as Json).account as Json).account as string;
    expect([s.id, row.instanceType, row.availabilityZone, row.tenancy, row.account]).toEqual([
      s.id,
      size.instanceType,
      placement.availabilityZone,
      licensing.tenancy,
      account,
    ]);
    seen.set(`server:${s.id}`, {
      type: size.instanceType as string,
      tenancy: licensing.tenancy as string,
      allocatedStorageGiB: null,
      multiAz: false,
      availabilityZone: placement.availabilityZone as string,
      account,
    });
    if (((s.routes as Json).entry as Json).route === 'mgn') mgn.add(`server:${s.id}`);
  }
  for (const d of model.databases) {
    if (!d.landingZone) continue;
    const size = d.size as Json;
    const ha = d.highAvailability as Json;
    const row = rows.get(d.id as string)!;
    const storage = d.storage as Json;
    const account = ((d.stack as Json).account as Json).account as string;
    expect([d.id, row.instanceClass, row.highAvailability, row.allocatedStorageGiB, row.account]).toEqual([
      d.id,
      size.instanceClass,
      ha.multiAz,
      storage.allocatedGiB,
      account,
    ]);
    seen.set(`database:${d.id}`, {
      type: size.instanceClass as string,
      tenancy: null,
      allocatedStorageGiB: storage.allocatedGiB as number,
      multiAz: ha.multiAz as boolean,
      availabilityZone: (d.placement as Json).availabilityZone as null,
      account,
    });
  }
  // One VPC per workload account, each with the model's NAT gateway count.
  return { items: seen, natGateways: (show.natGatewaysPerVpc as number) * model.accounts.length };
}

/** `cost estimate --json`: the decision each priced item was priced with. */
function fromEstimate(estimate: Json): Readings {
  const seen = new Map<string, Seen>();
  for (const item of estimate.items as Json[]) {
    if (item.kind === 'shared') continue;
    const priced = item.priced as Json;
    seen.set(`${item.kind}:${item.id}`, {
      type: priced.type as string,
      tenancy: priced.tenancy as string | null,
      allocatedStorageGiB: priced.allocatedStorageGiB as number | null,
      multiAz: priced.multiAz as boolean,
      availabilityZone: priced.availabilityZone as string | null,
      account: priced.account as string,
    });
  }
  return { items: seen, natGateways: estimate.natGateways as number };
}

/**
 * The three readers over one plan folder; returns how many items plan show decided (every one is
 * priced by the estimate, and every one but the MGN servers is built by the templates).
 */
async function expectAgreement(
  dir: string,
  name: string,
): Promise<{ servers: number; databases: number; hosts: number; natGateways: number }> {
  const show = await cliJson(['plan', 'show', dir, '--json']);
  const estimate = await cliJson(['cost', 'estimate', '--plan', dir, '--json']);
  const fromTemplate = fromTemplates(dir, name);
  const mgn = new Set<string>();
  const fromShow = fromPlanShow(show, mgn);
  const fromPrices = fromEstimate(estimate);
  const [templates, shown, priced] = [fromTemplate.items, fromShow.items, fromPrices.items];
  const sorted = (m: Map<string, Seen>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const built = new Map([...shown].filter(([k]) => !mgn.has(k)));
  // What the templates build is what plan show says; what the estimate prices is what plan show
  // says for every item (MGN servers launch with the same type, priced the same).
  expect(sorted(built)).toEqual(sorted(templates));
  expect(sorted(priced)).toEqual(sorted(shown));
  expect([...templates.keys()].some((k) => k.startsWith('server:'))).toBe(true);
  // NAT gateways: the templates build what the estimate prices and the model decided.
  expect(fromTemplate.natGateways).toBeGreaterThan(0);
  expect([fromPrices.natGateways, fromShow.natGateways]).toEqual([
    fromTemplate.natGateways,
    fromTemplate.natGateways,
  ]);
  const keys = [...shown.keys()];
  return {
    servers: keys.filter((k) => k.startsWith('server:')).length,
    databases: keys.filter((k) => k.startsWith('database:')).length,
    hosts: [...templates.values()].filter((s) => s.tenancy === 'host').length,
    natGateways: fromTemplate.natGateways,
  };
}

describe('templates, plan show --json and cost estimate --json agree', () => {
  test('on the bundled example', async () => {
    const n = await expectAgreement(join(PROJECT_ROOT, 'migration-plans/peterborough'), 'peterborough');
    expect(n.servers).toBeGreaterThan(40);
    expect(n.databases).toBe(14);
    // pcc-sccm-01: bring-your-own Windows on a Dedicated Host, built and priced as one.
    expect(n.hosts).toBe(1);
    expect(n.natGateways).toBe(3);
  });

  test('on the second bundled estate, with a separate non-production account', async () => {
    const n = await expectAgreement(join(PROJECT_ROOT, 'migration-plans/northvale'), 'northvale');
    expect(n.databases).toBeGreaterThan(0);
    expect(n.natGateways).toBe(2);
  });

  test('on a generated 1,000-server estate', async () => {
    const input = generatedPlanInput({ servers: 1000, databases: 280, waves: 10, applications: 30 });
    // Every 40th server (a Windows one, never retired) runs on the council's own Windows licence
    // from an imported image: a Dedicated Host in the templates and in the estimate.
    const servers = input.servers.servers as Json[];
    input.estate.network.natGateways = 'single';
    servers.forEach((s, n) => {
      if (n % 40 !== 0) return;
      Object.assign(s, {
        licence: 'bring-your-own',
        image: { importedImageId: 'ami-0abc12345678def01' },
        entryRoute: 'vm-import',
      });
    });
    const dir = join(tempDir('m-generated'), 'plan');
    mkdirSync(dir);
    writeFileSync(join(dir, 'estate.yaml'), stringify(input.estate));
    writeFileSync(join(dir, 'servers.yaml'), stringify(input.servers));
    writeFileSync(join(dir, 'databases.yaml'), stringify(input.databases));
    writeFileSync(join(dir, 'legacy-baseline.yaml'), stringify(input.baseline));
    writeFileSync(join(dir, 'image-lock.yaml'), stringify(input.imageLock));
    const n = await expectAgreement(dir, 'generated-1000');
    // 1 in 20 generated servers is retired; every database is replatformed.
    // One VPC (one workload account) with a single NAT gateway, as the plan chose.
    expect(n).toEqual({ servers: 950, databases: 280, hosts: 25, natGateways: 1 });
  });
});

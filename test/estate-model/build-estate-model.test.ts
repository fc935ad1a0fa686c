/** The estate model: every decision made once from the plan, frozen, and the one HA rule. */
import {
  buildEstateModel,
  databaseDecision,
  estateModelProblems,
  highAvailabilityFor,
  serverDecision,
  type EstateModel,
} from '../../lib/estate-model';
import { PlanError } from '../../lib/plan/errors';
import type { PlanDatabase } from '../../lib/plan/plan';
import {
  buildPlan,
  minimalPlanInput,
  PINNED_TEST_IMAGES,
  separateNonProductionInput,
} from '../support/plan-builder';

type Json = Record<string, unknown>;

describe('buildEstateModel on the minimal plan', () => {
  const plan = buildPlan();
  const model: EstateModel = buildEstateModel(plan);

  test('is computed once per plan and deep-frozen', () => {
    expect(buildEstateModel(plan)).toBe(model);
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.servers[0])).toBe(true);
    expect(Object.isFrozen(serverDecision(model, 'revenues-app-01').placement)).toBe(true);
    expect(() => {
      (model.servers as unknown as Json[]).push({});
    }).toThrow(TypeError);
  });

  test('holds every server and database, those without a landing zone marked as such', () => {
    expect(model.servers.map((s) => [s.id, s.landingZone])).toEqual([
      ['intranet-web-01', true],
      ['revenues-app-01', true],
      ['legacy-fax-01', false],
    ]);
    expect(model.servers.find((s) => s.id === 'legacy-fax-01')).toEqual({
      id: 'legacy-fax-01',
      application: 'intranet',
      wave: 'wave-1',
      waveOrder: 1,
      strategy: 'retire',
      account: {
        role: 'production',
        account: '123456789012',
        reason: 'non-production application; a single-account plan',
      },
      kind: 'server',
      landingZone: false,
      reason: 'strategy retire: no EC2 instance is built',
      // Routes are decided for every item: a retired server moves in and out by none.
      routes: {
        entry: { route: 'none', reason: 'strategy retire' },
        entryRoute: 'mgn',
        exit: expect.objectContaining({ kind: 'none', formats: [], blockers: [] }),
      },
    });
    expect(model.databases.map((d) => d.id)).toEqual(['revenues-db', 'intranet-db']);
  });

  test('a server carries type, zone, backup tier, image, stack and tags; entry and exit routes from their deciders', () => {
    const s = serverDecision(model, 'revenues-app-01');
    expect(s.size.instanceType).toMatch(/^[a-z0-9]+\.[a-z0-9]+$/);
    expect(s.size.overridden).toBe(false);
    expect(['eu-west-2a', 'eu-west-2b']).toContain(s.placement.availabilityZone);
    expect(s.placement).toMatchObject({ subnetGroup: 'servers', group: 'revenues/revenues-app', member: 1 });
    expect(s.backup.tier).toBe('gold');
    expect(s.image).toEqual({
      source: 'base-image',
      baseImage: 'windows-server-2019',
      imageId: PINNED_TEST_IMAGES['windows-server-2019'],
      os: 'windows',
      rootDeviceName: '/dev/sda1',
    });
    expect(s.stack).toEqual({
      name: 'Testshire-Wave02-Wave2-Revenues',
      role: 'Wave02-Wave2-Revenues',
      account: {
        role: 'production',
        account: '123456789012',
        reason: 'production application: accounts.production',
      },
      shard: 0,
      shardCount: 1,
    });
    expect(s.tags).toMatchObject({
      ServerId: 'revenues-app-01',
      BackupTier: 'gold',
      MigrationWave: 'wave-2',
    });
    expect(s.routes?.entry?.route).toBe('rebuild');
    expect(s.routes?.exit?.kind).toBeDefined();
  });

  test('a database carries class, Multi-AZ with its reason, subnet group and stack', () => {
    const rev = databaseDecision(model, 'revenues-db');
    expect(rev.highAvailability).toEqual({
      multiAz: true,
      source: 'plan',
      reason: 'highAvailability: true and the gold tier agree: Multi-AZ',
    });
    expect(rev.placement).toMatchObject({ subnetGroup: 'databases', availabilityZone: null });
    const int = databaseDecision(model, 'intranet-db');
    expect(int.highAvailability).toEqual({
      multiAz: false,
      source: 'tier',
      reason: 'bronze tier: single-AZ (highAvailability not set, so the tier decides)',
    });
    expect(int.stack.name).toBe('Testshire-Wave01-Wave1-Intranet');
  });

  test('a database carries its allocated storage: planned size + 20 %, at least 20 GiB', () => {
    expect(databaseDecision(model, 'revenues-db').storage).toMatchObject({
      allocatedGiB: 300,
      maxAllocatedGiB: 900,
    });
    expect(databaseDecision(model, 'intranet-db').storage).toMatchObject({
      allocatedGiB: 24,
      maxAllocatedGiB: 72,
    });
  });

  test('a server carries its tenancy; the estate its NAT gateways per VPC and default account', () => {
    expect(serverDecision(model, 'revenues-app-01').licensing).toMatchObject({
      tenancy: 'default',
      licence: 'aws-licence-included',
    });
    expect(model.network).toMatchObject({ natGatewayChoice: 'per-az', natGatewaysPerVpc: 2 });
    expect(model.defaultAccount).toBe('123456789012');
    const single = minimalPlanInput();
    single.estate.network.natGateways = 'single';
    expect(buildEstateModel(buildPlan(single)).network.natGatewaysPerVpc).toBe(1);
  });

  test('the wave stacks list their items in deployment order', () => {
    expect(model.stacks.map((s) => [s.name, s.servers, s.databases])).toEqual([
      ['Testshire-Wave01-Wave1-Intranet', ['intranet-web-01'], ['intranet-db']],
      ['Testshire-Wave02-Wave2-Revenues', ['revenues-app-01'], ['revenues-db']],
    ]);
  });

  test('survives JSON (what plan show --json prints)', () => {
    expect(JSON.parse(JSON.stringify(model))).toEqual(model);
  });
});

describe('cheapest covering size, through the model', () => {
  test('a server needing 283 GiB and 3 vCPU gets r7i.12xlarge', () => {
    const input = minimalPlanInput();
    Object.assign(input.servers.servers[1], { vcpu: 3, memoryGiB: 283 });
    const model = buildEstateModel(buildPlan(input));
    expect(serverDecision(model, 'revenues-app-01').size.instanceType).toBe('r7i.12xlarge');
  });
});

describe('the high-availability rule', () => {
  const db = (extra: Json): PlanDatabase =>
    ({
      id: 'db',
      application: 'app',
      wave: 'w',
      engine: 'postgresql',
      version: '16',
      sizeGiB: 10,
      vcpu: 2,
      memoryGiB: 8,
      dependsOn: [],
      strategy: 'replatform',
      licence: 'aws-licence-included',
      ...extra,
    }) as unknown as PlanDatabase;
  const rule = (tier: 'gold' | 'silver' | 'bronze', extra: Json) =>
    highAvailabilityFor(db(extra), { id: 'app', tier });
  const multiAz = (r: ReturnType<typeof rule>) => ('decision' in r ? r.decision.multiAz : 'conflict');

  test.each([
    // tier, highAvailability, engine/edition, outcome
    ['gold', undefined, {}, true],
    ['silver', undefined, {}, true],
    ['bronze', undefined, {}, false],
    ['gold', true, {}, true],
    ['bronze', true, {}, true],
    ['bronze', false, {}, false],
    ['gold', false, {}, 'conflict'],
    ['silver', false, {}, 'conflict'],
    ['gold', undefined, { engine: 'sqlserver', edition: 'web' }, 'conflict'],
    ['bronze', true, { engine: 'sqlserver', edition: 'express' }, 'conflict'],
    ['bronze', undefined, { engine: 'sqlserver', edition: 'web' }, false],
    ['silver', undefined, { engine: 'sqlserver', edition: 'standard' }, true],
  ] as const)('%s tier, highAvailability %s, %j -> %s', (tier, ha, engine, expected) => {
    expect(multiAz(rule(tier, { ...engine, ...(ha === undefined ? {} : { highAvailability: ha }) }))).toBe(
      expected,
    );
  });

  test('a conflict makes the model impossible: buildEstateModel throws a PlanError naming the field', () => {
    const input = minimalPlanInput();
    input.databases.databases[0].highAvailability = false;
    const plan = buildPlan(input);
    expect(estateModelProblems(plan)).toEqual([
      {
        file: 'databases.yaml',
        path: 'databases[0].highAvailability',
        message:
          'Database "revenues-db": the gold tier of application "revenues" requires Multi-AZ; remove highAvailability (the tier decides) or move the application to the bronze tier',
        received: 'false',
      },
    ]);
    expect(() => buildEstateModel(plan)).toThrow(PlanError);
  });
});

describe('the account decision', () => {
  const separate = separateNonProductionInput;

  test('a single-account plan puts every application in the one account, stack names unprefixed', () => {
    const model = buildEstateModel(buildPlan());
    expect(model.accounts.map((a) => [a.role, a.account, a.stackPrefix, a.vpcCidr, a.applications])).toEqual([
      ['production', '123456789012', '', '10.40.0.0/16', ['revenues', 'intranet']],
    ]);
    expect(serverDecision(model, 'intranet-web-01').stack.name).toBe('Testshire-Wave01-Wave1-Intranet');
    expect(serverDecision(model, 'intranet-web-01').account.role).toBe('production');
  });

  test('a separate non-production account gets the non-production applications, its VPC and a stack-name marker', () => {
    const model = buildEstateModel(buildPlan(separate()));
    expect(model.accounts.map((a) => [a.role, a.account, a.stackPrefix, a.vpcCidr, a.applications])).toEqual([
      ['production', '111111111111', '', '10.40.0.0/16', ['revenues']],
      ['non-production', '222222222222', 'NonProduction-', '10.41.0.0/16', ['intranet']],
    ]);
    expect(model.accounts.map((a) => [a.sharedTags.Environment, a.classification])).toEqual([
      ['production', 'OFFICIAL-SENSITIVE'],
      ['non-production', 'OFFICIAL'],
    ]);
    const web = serverDecision(model, 'intranet-web-01');
    expect(web.account).toEqual({
      role: 'non-production',
      account: '222222222222',
      reason: 'non-production application: the separate accounts.nonProduction',
    });
    expect(web.stack).toMatchObject({
      name: 'Testshire-NonProduction-Wave01-Wave1-Intranet',
      account: web.account,
    });
    expect(databaseDecision(model, 'revenues-db').stack.name).toBe('Testshire-Wave02-Wave2-Revenues');
    expect(model.stacks.map((s) => [s.name, s.account.account])).toEqual([
      ['Testshire-NonProduction-Wave01-Wave1-Intranet', '222222222222'],
      ['Testshire-Wave02-Wave2-Revenues', '111111111111'],
    ]);
  });

  test('a flow across the two accounts and a missing non-production VPC are model problems', () => {
    const input = separate();
    delete input.estate.network.nonProduction;
    input.servers.servers[1].inboundFlows.push({
      from: { application: 'intranet' },
      port: 8080,
      protocol: 'tcp',
    });
    const problems = estateModelProblems(buildPlan(input)).map((p) => `${p.file} ${p.path}`);
    expect(problems).toEqual([
      'estate.yaml network.nonProduction',
      'servers.yaml servers[1].inboundFlows[1].from.application',
    ]);
    // CIDRs inside the other account's VPC have no path either, inbound or outbound.
    const cidrs = separate();
    cidrs.servers.servers[1].inboundFlows.push({
      from: { cidr: '10.41.2.0/24' },
      port: 8080,
      protocol: 'tcp',
    });
    cidrs.servers.servers[0].outboundFlows = [{ to: { cidr: '10.40.9.0/24' }, port: 1433, protocol: 'tcp' }];
    expect(estateModelProblems(buildPlan(cidrs)).map((p) => `${p.path}: ${p.message}`)).toEqual([
      'servers[0].outboundFlows[0].to.cidr: flow from server "intranet-web-01" (non-production account) port 1433 goes to the other workload account\'s VPC (10.40.0.0/16), which has no network path from this one',
      'servers[1].inboundFlows[1].from.cidr: flow to server "revenues-app-01" (production account) port 8080 comes from the other workload account\'s VPC (10.41.0.0/16), which has no network path to this one',
    ]);
  });
});

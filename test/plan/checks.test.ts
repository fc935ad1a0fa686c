/**
 * One test per meaning rule not already covered by a fixture folder (see bad-plans.test.ts), via
 * in-memory plans: without files there are no line numbers, so messages read `file path: ...`.
 */
import { planFromObjects, PlanError } from '../../lib/plan';
import { minimalPlanInput, type MutablePlanInput } from '../support/plan-builder';

function problems(change: (input: MutablePlanInput) => void): string[] {
  const input = minimalPlanInput();
  change(input);
  try {
    planFromObjects(input);
  } catch (e) {
    if (e instanceof PlanError) return e.lines();
    throw e;
  }
  return [];
}

test('the minimal plan has no problems', () => {
  expect(problems(() => undefined)).toEqual([]);
});

test('a server depending on itself is a cycle', () => {
  expect(problems((i) => (i.servers.servers[0].dependsOn = ['intranet-web-01']))).toEqual([
    'servers.yaml servers[0].dependsOn: dependency cycle: intranet-web-01 -> intranet-web-01',
  ]);
});

test('a three-step cycle is named in order, once', () => {
  expect(
    problems((i) => {
      i.servers.servers[0].dependsOn = ['intranet-db'];
      i.databases.databases[1].dependsOn = ['legacy-fax-01'];
      i.servers.servers[2].dependsOn = ['intranet-web-01'];
    }),
  ).toEqual([
    'servers.yaml servers[0].dependsOn: dependency cycle: intranet-web-01 -> intranet-db -> legacy-fax-01 -> intranet-web-01',
  ]);
});

test('dependsOn naming nothing gets a suggestion', () => {
  expect(problems((i) => (i.servers.servers[1].dependsOn = ['revenue-db']))).toEqual([
    'servers.yaml servers[1].dependsOn[0]: unknown server or database; did you mean "revenues-db"? (received "revenue-db"; allowed: intranet-web-01, revenues-app-01, legacy-fax-01, revenues-db, intranet-db)',
  ]);
});

test('a server id may not repeat a database id (dependsOn could not tell them apart)', () => {
  expect(problems((i) => (i.databases.databases[1].id = 'intranet-web-01'))).toEqual([
    'databases.yaml databases[1].id: duplicate server or database id; already used by servers.yaml servers[0].id (received "intranet-web-01")',
  ]);
});

test('baseline scopes and one-off costs refer to existing applications and waves', () => {
  expect(
    problems((i) => {
      i.baseline.monthlyCosts[1].appliesTo = { applications: ['revenue'] };
      i.baseline.monthlyCosts[2].appliesTo = { waves: ['wave-9'] };
      i.baseline.oneOffCosts[0].wave = 'pilot';
    }),
  ).toEqual([
    'legacy-baseline.yaml monthlyCosts[1].appliesTo.applications[0]: unknown application; did you mean "revenues"? (received "revenue"; allowed: revenues, intranet)',
    'legacy-baseline.yaml monthlyCosts[2].appliesTo.waves[0]: unknown wave; did you mean "wave-1"? (received "wave-9"; allowed: wave-1, wave-2)',
    'legacy-baseline.yaml oneOffCosts[0].wave: unknown wave (received "pilot"; allowed: wave-1, wave-2)',
  ]);
});

test('a flow from an unknown application is caught', () => {
  expect(problems((i) => (i.servers.servers[1].inboundFlows[1].from = { application: 'payroll' }))).toEqual([
    'servers.yaml servers[1].inboundFlows[1].from.application: unknown application (received "payroll"; allowed: revenues, intranet)',
  ]);
});

test('a flow CIDR must be a real block', () => {
  expect(problems((i) => (i.servers.servers[0].inboundFlows[0].from = { cidr: '192.168.1.7/24' }))).toEqual([
    'servers.yaml servers[0].inboundFlows[0].from.cidr: is not aligned to its prefix (host bits set) (received "192.168.1.7/24"; allowed: 192.168.1.0/24)',
  ]);
});

test('a prefix above 32 is refused', () => {
  expect(problems((i) => (i.estate.network.onPremisesRanges[1].cidr = '10.1.0.0/40'))).toEqual([
    'estate.yaml network.onPremisesRanges[1].cidr: has a prefix above 32 (received "10.1.0.0/40"; allowed: /0 to /32)',
  ]);
});

test('a VPC narrower than /28 is refused', () => {
  expect(problems((i) => (i.estate.network.vpcCidr = '10.40.0.0/29'))).toEqual([
    'estate.yaml network.vpcCidr: has a prefix outside what a VPC allows (received "10.40.0.0/29"; allowed: /16 to /28)',
  ]);
});

test('a VPN customer gateway address has real octets', () => {
  expect(
    problems(
      (i) =>
        (i.estate.network.hybridLink = {
          type: 'site-to-site-vpn',
          customerGatewayIp: '203.0.113.300',
          bgpAsn: 65000,
        }),
    ),
  ).toEqual([
    'estate.yaml network.hybridLink.customerGatewayIp: has an octet above 255 (received "203.0.113.300"; allowed: octets 0-255)',
  ]);
});

test('an availability zone listed twice is caught', () => {
  expect(problems((i) => (i.estate.network.availabilityZones = ['eu-west-2a', 'eu-west-2a']))).toEqual([
    'estate.yaml network.availabilityZones[1]: is listed twice (received "eu-west-2a")',
  ]);
});

test('a port range must run upwards', () => {
  expect(problems((i) => (i.servers.servers[0].inboundFlows[0].toPort = 80))).toEqual([
    'servers.yaml servers[0].inboundFlows[0].toPort: must not be below port 443 (received 80; allowed: >= 443)',
  ]);
});

test('a retired server may not have an instance type, a retained database no instance class', () => {
  expect(
    problems((i) => {
      i.servers.servers[2].instanceType = 'm7i.large';
      i.databases.databases[1].strategy = 'retain';
      i.databases.databases[1].instanceClass = 'db.m6i.large';
    }),
  ).toEqual([
    'servers.yaml servers[2].instanceType: must not be set for strategy retire (no EC2 instance is built) (received "m7i.large")',
    'databases.yaml databases[1].instanceClass: must not be set for strategy retain (no RDS instance is built) (received "db.m6i.large")',
  ]);
});

test('a retired server may not have a placement group', () => {
  expect(problems((i) => (i.servers.servers[2].placementGroup = 'fax'))).toEqual([
    'servers.yaml servers[2].placementGroup: must not be set for strategy retire (no EC2 instance is placed) (received "fax")',
  ]);
});

test('servers and databases must fit the largest EC2 instance and RDS storage', () => {
  expect(
    problems((i) => {
      i.servers.servers[0].vcpu = 449;
      i.servers.servers[0].memoryGiB = 24577;
      i.databases.databases[1].sizeGiB = 65537;
    }),
  ).toEqual([
    'servers.yaml servers[0].vcpu: is larger than the largest EC2 instance (received 449; allowed: <= 448)',
    'servers.yaml servers[0].memoryGiB: is larger than the largest EC2 instance (received 24577; allowed: <= 24576)',
    'databases.yaml databases[1].sizeGiB: is larger than RDS storage for postgresql (received 65537; allowed: <= 65536)',
  ]);
});

test('the largest allowed sizes pass', () => {
  expect(
    problems((i) => {
      i.servers.servers[0].vcpu = 448;
      i.servers.servers[0].memoryGiB = 24576;
      i.servers.servers[0].disks[0].sizeGiB = 16384;
      i.databases.databases[0].sizeGiB = 16384;
    }),
  ).toEqual([]);
});

test('a wave order violation through a database is caught too', () => {
  expect(problems((i) => (i.databases.databases[1].dependsOn = ['revenues-app-01']))).toEqual([
    'databases.yaml databases[1].dependsOn[0]: "intranet-db" is in wave wave-1 (order 1) but depends on server "revenues-app-01" in the later wave wave-2 (order 2) (allowed: a dependency in wave order <= 1)',
  ]);
});

test('an on-premises range name used twice is caught', () => {
  expect(problems((i) => (i.estate.network.onPremisesRanges[1].name = 'corporate-lan'))).toEqual([
    'estate.yaml network.onPremisesRanges[1].name: duplicate on-premises range name; already used by network.onPremisesRanges[0].name (received "corporate-lan")',
  ]);
});

test('a check does not run on a file that failed the structure pass (no reference errors on top of a type error)', () => {
  expect(
    problems((i) => {
      i.servers.servers[0].vcpu = 'two';
      i.servers.servers[0].wave = 'wave-9';
    }),
  ).toEqual(['servers.yaml servers[0].vcpu: must be a number (received "two")']);
});

test('every structure problem across all four files is collected at once', () => {
  expect(
    problems((i) => {
      i.estate.estate.region = 'London';
      i.servers.servers[0].os.family = 'solaris';
      i.databases.databases[0].edition = 'developer';
      i.baseline.monthlyCosts[0].monthlyGbp = '12.345';
    }),
  ).toEqual([
    'estate.yaml estate.region: must be an AWS region such as "eu-west-2" (received "London")',
    'servers.yaml servers[0].os.family: is not one of the allowed values (received "solaris"; allowed: windows, linux)',
    'databases.yaml databases[0].edition: is not one of the allowed values (received "developer"; allowed: express, web, standard, enterprise)',
    'legacy-baseline.yaml monthlyCosts[0].monthlyGbp: must be an amount in pounds with at most 2 decimal places, e.g. 1250.00 (received "12.345")',
  ]);
});

test('a whole file of the wrong shape is one problem naming what is expected', () => {
  expect(problems((i) => (i.servers = ['a', 'b']))).toEqual([
    'servers.yaml: must be a mapping of keys to values at the top level (received a list of 2; allowed: servers)',
  ]);
});

test('a mistyped key in a one-of-several form gets a suggestion', () => {
  expect(problems((i) => (i.baseline.monthlyCosts[0].appliesTo = { application: ['revenues'] }))).toEqual([
    'legacy-baseline.yaml monthlyCosts[0].appliesTo: does not match any allowed form; did you mean "applications" instead of "application"? (received {application}; allowed: {estate} or {applications} or {waves})',
  ]);
});

test('a very long dependency chain is checked without running out of stack', () => {
  const input = minimalPlanInput();
  const base = input.servers.servers[1];
  const n = 20000;
  input.servers.servers = Array.from({ length: n }, (_, k) => ({
    ...base,
    id: `srv-${k}`,
    hostname: `SRV${k}`,
    dependsOn: [`srv-${(k + 1) % n}`],
  }));
  let lines: string[] = [];
  try {
    planFromObjects(input);
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    lines = e.lines();
  }
  expect(lines).toEqual([
    'servers.yaml servers[0].dependsOn: dependency cycle: srv-0 -> srv-1 -> srv-2 -> srv-3 -> srv-4 -> srv-5 -> ... (19991 more) -> srv-19997 -> srv-19998 -> srv-19999 -> srv-0',
  ]);
});

test('checks whose files passed still run when another file has structure problems', () => {
  expect(
    problems((i) => {
      i.servers.servers[0].vcpu = 'two';
      i.estate.network.onPremisesRanges[1].cidr = '10.40.8.0/24';
    }),
  ).toEqual([
    'estate.yaml network.onPremisesRanges[1].cidr: overlaps the VPC CIDR 10.40.0.0/16; on-premises and AWS addresses must not clash (received "10.40.8.0/24")',
    'servers.yaml servers[0].vcpu: must be a number (received "two")',
  ]);
});

test('finance budgets must name waves and applications of the plan', () => {
  expect(
    problems((i) => {
      (i.estate as Record<string, unknown>).finance = {
        ownerEmail: 'finance@council.example',
        contacts: ['team@council.example'],
        budgets: { waves: { 'wave-9': 100 }, applications: { payroll: 50 } },
      };
    }),
  ).toEqual([
    'estate.yaml finance.budgets.waves.wave-9: is not a wave of the plan (received "wave-9"; allowed: wave-1, wave-2)',
    'estate.yaml finance.budgets.applications.payroll: is not an application of the plan (received "payroll"; allowed: revenues, intranet)',
  ]);
});

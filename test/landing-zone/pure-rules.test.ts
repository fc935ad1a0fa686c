import fc from 'fast-check';
import { inboundRulesFor, itemsWithoutLandingZone, landingZoneProblems } from '../../lib/compute';
import { constructIdFor } from '../../lib/shared/naming';
import { stableHash, stableSlot } from '../../lib/shared/stable-hash';
import { buildEstateModel, estateModelProblems } from '../../lib/estate-model';
import { formatProblem } from '../../lib/plan/errors';
import { sharedTags, tagsForDatabase, tagsForServer } from '../../lib/tagging';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';

describe('tag derivation', () => {
  const plan = buildPlan();

  test('a server carries its application, wave and id', () => {
    expect(
      tagsForServer(
        plan,
        plan.servers.find((s) => s.id === 'revenues-app-01')!,
      ),
    ).toEqual({
      Estate: 'testshire',
      Application: 'revenues',
      MigrationWave: 'wave-2',
      CostCentre: 'FIN-100',
      DataClassification: 'OFFICIAL-SENSITIVE',
      BackupTier: 'gold',
      Environment: 'production',
      ServerId: 'revenues-app-01',
    });
  });

  test('a database carries DatabaseId', () => {
    expect(
      tagsForDatabase(
        plan,
        plan.databases.find((d) => d.id === 'intranet-db')!,
      ),
    ).toMatchObject({
      Application: 'intranet',
      BackupTier: 'bronze',
      Environment: 'non-production',
      DatabaseId: 'intranet-db',
    });
  });

  test('shared resources are the shared platform, never backed up by tag, at the highest classification', () => {
    expect(sharedTags(plan)).toEqual({
      Estate: 'testshire',
      Application: 'shared-platform',
      MigrationWave: 'shared',
      CostCentre: 'shared-platform',
      DataClassification: 'OFFICIAL-SENSITIVE',
      BackupTier: 'none',
      Environment: 'production',
    });
  });
});

describe('inbound rules from flows', () => {
  test('are deduplicated and sorted, whatever order the servers list them in', () => {
    const input = minimalPlanInput();
    const web = input.servers.servers[0];
    input.servers.servers.push({
      ...web,
      id: 'intranet-web-02',
      hostname: 'INTWEB02',
      inboundFlows: [...web.inboundFlows].reverse(),
    });
    const plan = buildPlan(input);
    const rules = inboundRulesFor(buildEstateModel(plan), 'intranet', plan.servers);
    expect(rules).toEqual([
      {
        peer: { kind: 'cidr', cidr: '10.0.0.0/16', name: 'corporate-lan' },
        protocol: 'tcp',
        fromPort: 443,
        toPort: 443,
        description: 'corporate-lan to intranet tcp/443',
      },
    ]);
    expect(inboundRulesFor(buildEstateModel(plan), 'intranet', [...plan.servers].reverse())).toEqual(rules);
  });

  test('a flow from 0.0.0.0/0 is refused, naming the server and flow', () => {
    const input = minimalPlanInput();
    input.servers.servers[0].inboundFlows = [{ from: { cidr: '0.0.0.0/0' }, port: 443 }];
    const plan = buildPlan(input);
    expect(() => inboundRulesFor(buildEstateModel(plan), 'intranet', plan.servers)).toThrow(
      'server "intranet-web-01" inboundFlows[0]: 0.0.0.0/0 would open the server to the whole internet; name the source range instead',
    );
  });
});

describe('items without a landing zone', () => {
  test('are listed with their wave and strategy', () => {
    expect(itemsWithoutLandingZone(buildEstateModel(buildPlan()))).toEqual([
      { kind: 'server', id: 'legacy-fax-01', wave: 'wave-1', waveOrder: 1, strategy: 'retire' },
    ]);
  });
});

describe('stable ids and hashes', () => {
  test('construct ids are PascalCase from plan ids', () => {
    expect(constructIdFor('revenues-app-01')).toBe('RevenuesApp01');
  });

  test('slots depend only on the id and stay in range', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.integer({ min: 1, max: 64 }), (id, n) => {
        const slot = stableSlot(id, n);
        return slot >= 0 && slot < n && slot === stableHash(id) % n;
      }),
    );
    // FNV-1a 32-bit reference value.
    expect(stableHash('a')).toBe(0xe40c292c);
  });
});

describe('landing-zone problems', () => {
  test('are all collected, located in the plan files, before anything is built', () => {
    const input = minimalPlanInput();
    const rev = input.servers.servers.find((s: { id: string }) => s.id === 'revenues-app-01');
    rev.licence = 'bring-your-own';
    rev.inboundFlows.push({ from: { cidr: '0.0.0.0/0' }, port: 3389 });
    input.databases.databases[0].version = '2008';
    input.databases.databases[1].version = '9.6';
    const plan = buildPlan(input);
    expect(landingZoneProblems(plan).map(formatProblem)).toEqual([
      'servers.yaml servers[1].licence: Server "revenues-app-01": licence "bring-your-own" on Windows needs an imported image (image.importedImageId); the base image "windows-server-2019" already includes a Windows licence. Import the server image or set licence: aws-licence-included.',
      'servers.yaml servers[1].inboundFlows[2].from.cidr: would open the server to the whole internet; name the source range instead (received "0.0.0.0/0")',
      'databases.yaml databases[0]: Database "revenues-db": SQL Server version "2008" is not supported on RDS here; use one of "2016" (13.00), "2017" (14.00), "2019" (15.00), "2022" (16.00)',
      'databases.yaml databases[1]: Database "intranet-db": PostgreSQL version "9.6" is not supported on RDS here; use one of "13", "14", "15", "16", "17", "18"',
    ]);
  });

  test('high availability that the engine cannot give on RDS is a plan problem', () => {
    const input = minimalPlanInput();
    Object.assign(input.databases.databases[0], { edition: 'web', highAvailability: true });
    const plan = buildPlan(input);
    // The estate model owns the high-availability rule; the landing-zone checks no longer repeat it.
    expect(landingZoneProblems(plan)).toEqual([]);
    expect(estateModelProblems(plan).map(formatProblem)).toEqual([
      expect.stringMatching(
        /^databases\.yaml databases\[0\]\.highAvailability: Database "revenues-db": RDS offers no Multi-AZ for sqlserver web edition, so high availability cannot be met; choose an edition that supports it .* \(received true\)$/,
      ),
    ]);
  });

  test('the bundled-style minimal plan has none', () => {
    expect(landingZoneProblems(buildPlan())).toEqual([]);
  });
});

/** Adding a server must not move other servers between stacks or change their logical ids. */
import { assignWaveStacks, buildEstateModel, waveStackRole } from '../../lib/estate-model';
import type { Plan } from '../../lib/plan/plan';
import { buildPlan, minimalPlanInput, type MutablePlanInput } from '../support/plan-builder';
import { synthEstate } from './support/estate';
import { generatedPlan } from './support/generated-plan';

type Json = Record<string, unknown>;

function revenuesServer(n: number): Json {
  return {
    id: `revenues-app-${String(n).padStart(2, '0')}`,
    hostname: `REVAPP${String(n).padStart(2, '0')}`,
    application: 'revenues',
    wave: 'wave-2',
    os: { family: 'linux', name: 'RHEL', version: '9' },
    vcpu: 2,
    memoryGiB: 8,
    disks: [{ sizeGiB: 50, purpose: 'os' }],
    inboundFlows: [{ from: { onPremises: 'corporate-lan' }, port: 443 }],
    strategy: 'rehost',
    image: { baseImage: 'rhel-9' },
    entryRoute: 'rebuild',
  };
}

function inputWith(extra: number[]): MutablePlanInput {
  const input = minimalPlanInput();
  input.servers.servers.push(...extra.map(revenuesServer));
  return input;
}

function templatesOf(plan: Plan, prefix: string): Map<string, Json> {
  const estate = synthEstate(plan, prefix);
  return new Map(estate.all.map((s) => [s.stackName, estate.template(s).toJSON() as Json]));
}

/** AvailabilityZone of every EC2 instance in the templates, by its ServerId tag. */
function zonesByServer(templates: Map<string, Json>): Map<string, string> {
  const zones = new Map<string, string>();
  for (const template of templates.values()) {
    for (const r of Object.values(template.Resources as Record<string, { Type: string; Properties: Json }>)) {
      if (r.Type !== 'AWS::EC2::Instance') continue;
      const tags = r.Properties.Tags as { Key: string; Value: string }[];
      zones.set(tags.find((t) => t.Key === 'ServerId')!.Value, r.Properties.AvailabilityZone as string);
    }
  }
  return zones;
}

describe('adding a server to a wave', () => {
  let before: Map<string, Json>;
  let after: Map<string, Json>;
  beforeAll(() => {
    before = templatesOf(buildPlan(inputWith([2, 3, 4, 5])), 'l-before');
    // The new server sorts between existing ones: list position must not matter.
    const input = inputWith([2, 3, 4, 5]);
    input.servers.servers.splice(2, 0, revenuesServer(30));
    after = templatesOf(buildPlan(input), 'l-after');
  });

  test('creates no stack and removes none', () => {
    expect([...after.keys()]).toEqual([...before.keys()]);
  });

  // By design, two things name every server and so change in place (never replaced): the stack's
  // backup-failure rule lists its resources' ARNs, and the Health stack's composite alarm and
  // dashboards list every alarm (docs/operations.md).
  const aggregates = (stack: string, logicalId: string) =>
    stack === 'Testshire-Health' || /^BackupFailuresRule\d*[0-9A-F]{8}$/.test(logicalId);

  test('keeps every existing logical id, with identical properties, in the same stack', () => {
    for (const [stack, template] of before) {
      const was = template.Resources as Record<string, Json>;
      const now = after.get(stack)!.Resources as Record<string, Json>;
      for (const [logicalId, resource] of Object.entries(was)) {
        if (aggregates(stack, logicalId)) {
          expect([stack, logicalId, now[logicalId]?.Type]).toEqual([stack, logicalId, resource.Type]);
          continue;
        }
        expect([stack, logicalId, now[logicalId]]).toEqual([stack, logicalId, resource]);
      }
    }
  });

  test('adds only the new server resources, in its application stack', () => {
    const added: string[] = [];
    for (const [stack, template] of after) {
      const was = before.get(stack)!.Resources as Record<string, Json>;
      for (const logicalId of Object.keys(template.Resources as Json))
        if (!(logicalId in was)) added.push(`${stack}/${logicalId}`);
    }
    expect(added.sort()).toEqual([
      expect.stringMatching(/^Testshire-Wave02-Wave2-Revenues\/RevenuesApp30AlarmsCpu[0-9A-F]{8}$/),
      expect.stringMatching(/^Testshire-Wave02-Wave2-Revenues\/RevenuesApp30AlarmsDisk[0-9A-F]{8}$/),
      expect.stringMatching(/^Testshire-Wave02-Wave2-Revenues\/RevenuesApp30AlarmsMemory[0-9A-F]{8}$/),
      expect.stringMatching(/^Testshire-Wave02-Wave2-Revenues\/RevenuesApp30Instance[0-9A-F]{8}$/),
      expect.stringMatching(/^Testshire-Wave02-Wave2-Revenues\/RevenuesApp30RecoveryAlarm[0-9A-F]{8}$/),
    ]);
  });

  test('moves no existing server to another availability zone', () => {
    const zonesBefore = zonesByServer(before);
    const zonesAfter = zonesByServer(after);
    expect(zonesBefore.size).toBe(6);
    for (const [id, zone] of zonesBefore) expect([id, zonesAfter.get(id)]).toEqual([id, zone]);
  });

  test('a pair app-01/app-02 of one role lands in two zones (and so does every consecutive pair)', () => {
    const zones = zonesByServer(after);
    expect(zones.get('revenues-app-01')).not.toBe(zones.get('revenues-app-02'));
    for (const n of [2, 3, 4]) {
      const a = zones.get(`revenues-app-${String(n).padStart(2, '0')}`);
      const b = zones.get(`revenues-app-${String(n + 1).padStart(2, '0')}`);
      expect([n, a === b]).toEqual([n, false]);
    }
  });

  test('leaves the other stacks byte-identical', () => {
    for (const [stack, template] of before) {
      if (stack === 'Testshire-Wave02-Wave2-Revenues' || stack === 'Testshire-Health') continue;
      expect([stack, JSON.stringify(after.get(stack))]).toEqual([stack, JSON.stringify(template)]);
    }
  });
});

describe('stack assignment at scale', () => {
  const roleById = (plan: Plan) => {
    const roles = new Map<string, string>();
    for (const a of assignWaveStacks(plan)) {
      for (const s of a.servers) roles.set(s.id, waveStackRole(a));
      for (const d of a.databases) roles.set(d.id, waveStackRole(a));
    }
    return roles;
  };

  test('adding 20 servers to a 600-server estate moves no existing server or database', () => {
    const small = roleById(generatedPlan({ servers: 600, databases: 60, waves: 6, applications: 20 }));
    const large = roleById(generatedPlan({ servers: 620, databases: 60, waves: 6, applications: 20 }));
    // generatedPlan spreads servers over waves by position; compare only ids whose wave is unchanged.
    const smallPlan = generatedPlan({ servers: 600, databases: 60, waves: 6, applications: 20 });
    const largePlan = generatedPlan({ servers: 620, databases: 60, waves: 6, applications: 20 });
    const waveOf = (p: Plan) => new Map(p.servers.map((s) => [s.id, s.wave]));
    const w1 = waveOf(smallPlan);
    const w2 = waveOf(largePlan);
    let compared = 0;
    for (const [id, role] of small) {
      if (id.startsWith('srv-') && w1.get(id) !== w2.get(id)) continue;
      compared++;
      expect([id, large.get(id)]).toEqual([id, role]);
    }
    expect(compared).toBeGreaterThan(500);
  });

  test('adding 20 servers to a 600-server estate moves no existing server to another zone', () => {
    const zones = (servers: number) =>
      new Map(
        buildEstateModel(generatedPlan({ servers, databases: 60, waves: 6, applications: 20 }))
          .servers.filter((s) => s.landingZone)
          .map((s) => [s.id, s.landingZone ? s.placement.availabilityZone : '']),
      );
    const small = zones(600);
    const large = zones(620);
    expect(small.size).toBeGreaterThan(500);
    for (const [id, zone] of small) expect([id, large.get(id)]).toEqual([id, zone]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildEstateApp,
  formatLandingZoneSummary,
  summarizeAssembly,
  type SynthSummary,
} from '../../lib/app';
import { buildEstateModel, serverDecision } from '../../lib/estate-model';
import { buildPlan } from '../support/plan-builder';
import { testApp } from '../app/support/cdk-app';

describe('synth summary: landing zones per wave', () => {
  const plan = buildPlan();
  let summary: SynthSummary;
  beforeAll(() => {
    const app = testApp('l-summary');
    buildEstateApp(app, plan);
    const dir = app.synth().directory;
    summary = summarizeAssembly((file) => readFileSync(join(dir, file), 'utf8'));
  });

  test('lists servers and databases per wave with their types, read from the templates', () => {
    const web = serverDecision(buildEstateModel(plan), 'intranet-web-01');
    expect(summary.landingZones.map((w) => w.wave)).toEqual(['wave-1', 'wave-2']);
    const [wave1, wave2] = summary.landingZones;
    expect(wave1!.servers).toEqual([
      {
        id: 'intranet-web-01',
        instanceType: web.size.instanceType,
        availabilityZone: web.placement.availabilityZone,
        stack: 'Testshire-Wave01-Wave1-Intranet',
      },
    ]);
    expect(wave1!.databases).toEqual([
      expect.objectContaining({
        id: 'intranet-db',
        engine: 'postgres 16.13',
        stack: 'Testshire-Wave01-Wave1-Intranet',
      }),
    ]);
    expect(wave2!.servers.map((s) => s.id)).toEqual(['revenues-app-01']);
    expect(wave2!.databases.map((d) => [d.id, d.engine, d.multiAz])).toEqual([
      ['revenues-db', 'sqlserver-se 15.00.4455.2.v1', true],
    ]);
  });

  test('lists the servers that got no resources, with their strategy', () => {
    expect(summary.landingZones[0]!.withoutResources).toEqual([
      { kind: 'server', id: 'legacy-fax-01', strategy: 'retire' },
    ]);
    const text = formatLandingZoneSummary(summary);
    expect(text).toContain('wave-1: 1 servers, 1 databases, 1 without resources');
    expect(text).toContain('  no resources  server legacy-fax-01 (retire)');
    expect(text).toMatch(/ {2}server {4}intranet-web-01 {2}\S+\.\S+ {2}eu-west-2[ab]\n/);
    expect(text).toMatch(
      / {2}database {2}revenues-db {2}db\.\S+ {2}sqlserver-se 15\.00\.4455\.2\.v1 {2}Multi-AZ\n/,
    );
  });
});

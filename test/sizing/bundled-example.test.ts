/**
 * The bundled Peterborough example loads through the real loader and validator, meets the
 * size promised in the README, and every landing-zone server and database gets a type.
 */
import { join } from 'node:path';
import { loadPlan } from '../../lib/plan/loader';
import { applicationOf, getsLandingZone, waveOf, type Plan } from '../../lib/plan/plan';
import { ec2InstanceSpec, rdsInstanceSpec, rightSizeDatabase, rightSizeServer } from '../../lib/sizing';

const PLAN_DIR = join(__dirname, '..', '..', 'migration-plans', 'peterborough');

let plan: Plan;
beforeAll(() => {
  plan = loadPlan(PLAN_DIR);
});

describe('bundled example: size and shape', () => {
  test('at least 44 servers, 10 databases and exactly 6 waves', () => {
    expect(plan.servers.length).toBeGreaterThanOrEqual(44);
    expect(plan.databases.length).toBeGreaterThanOrEqual(10);
    expect(plan.waves).toHaveLength(6);
  });

  test('covers the council services the brief lists', () => {
    const ids = plan.applications.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'revenues-benefits',
        'social-care',
        'housing',
        'planning-building-control',
        'payroll-hr',
        'finance-erp',
        'gis',
        'electoral-registration',
        'edrms',
        'file-print',
        'directory-services',
        'web-intranet',
      ]),
    );
    for (const id of ids) {
      expect(
        plan.servers.some((s) => s.application === id) || plan.databases.some((d) => d.application === id),
      ).toBe(true);
    }
  });

  test('has retired, retained and repurchased servers besides the landing-zone ones', () => {
    const strategies = new Set(plan.servers.map((s) => s.strategy));
    for (const s of ['retire', 'retain', 'repurchase', 'rehost', 'replatform'])
      expect(strategies).toContain(s);
  });

  test('mixes Windows Server 2016/2019/2022 with RHEL and Ubuntu', () => {
    const os = new Set(plan.servers.map((s) => `${s.os.name} ${s.os.version}`));
    for (const v of ['Windows Server 2016', 'Windows Server 2019', 'Windows Server 2022'])
      expect(os).toContain(v);
    expect(plan.servers.some((s) => s.os.name === 'RHEL')).toBe(true);
    expect(plan.servers.some((s) => s.os.name === 'Ubuntu')).toBe(true);
  });

  test('has every engine and SQL Server edition the brief lists', () => {
    const kinds = new Set(
      plan.databases.map((d) => ('edition' in d ? `${d.engine}/${d.edition}` : d.engine)),
    );
    for (const k of [
      'sqlserver/standard',
      'sqlserver/enterprise',
      'sqlserver/web',
      'sqlserver/express',
      'oracle/standard-2',
      'postgresql',
      'mysql',
      'mariadb',
    ]) {
      expect(kinds).toContain(k);
    }
  });

  test('waves cut over between 2026-06 and 2027-09, some before and some after 2026-11', () => {
    const cutovers = plan.waves.map((w) => w.cutover);
    expect(cutovers[0]).toBe('2026-06');
    expect(cutovers[cutovers.length - 1]).toBe('2027-09');
    expect(cutovers.filter((c) => c <= '2026-11').length).toBeGreaterThan(0);
    expect(cutovers.filter((c) => c > '2026-11').length).toBeGreaterThan(0);
  });

  test('dependsOn only points at the same or an earlier wave', () => {
    const items = [...plan.servers, ...plan.databases];
    const order = (id: string) => waveOf(plan, items.find((i) => i.id === id)!.wave).order;
    for (const item of items) {
      for (const dep of item.dependsOn) expect(order(dep)).toBeLessThanOrEqual(order(item.id));
    }
  });

  test('the account, region, zones and hybrid link are the ones the README describes', () => {
    expect(plan.estate).toMatchObject({
      account: '123456789012',
      region: 'eu-west-2',
      agreement: { start: '2026-04', end: '2028-03' },
    });
    expect(plan.network.availabilityZones).toEqual(['eu-west-2a', 'eu-west-2b', 'eu-west-2c']);
    expect(plan.network.vpcCidr).toBe('10.60.0.0/16');
    expect(plan.network.hybridLink.type).toBe('site-to-site-vpn');
    expect(plan.baseline.baselineMonth).toBe('2026-03');
  });
});

describe('bundled example: right-sizing', () => {
  test('every landing-zone server gets a catalogued EC2 type', () => {
    const lz = plan.servers.filter(getsLandingZone);
    expect(lz.length).toBeGreaterThanOrEqual(40);
    for (const s of lz) {
      const d = rightSizeServer(s, applicationOf(plan, s.application));
      expect(() => ec2InstanceSpec(d.instanceType)).not.toThrow();
      expect(d.reason.length).toBeGreaterThan(0);
    }
  });

  test('every landing-zone database gets a catalogued RDS class', () => {
    const lz = plan.databases.filter(getsLandingZone);
    expect(lz.length).toBeGreaterThanOrEqual(10);
    for (const db of lz) {
      const d = rightSizeDatabase(db, applicationOf(plan, db.application));
      expect(() => rdsInstanceSpec(d.instanceClass)).not.toThrow();
    }
  });

  test('the example exercises overrides, burstable non-production and servers without utilisation data', () => {
    const decisions = plan.servers
      .filter(getsLandingZone)
      .map((s) => rightSizeServer(s, applicationOf(plan, s.application)));
    expect(decisions.filter((d) => d.overridden).length).toBeGreaterThanOrEqual(2);
    expect(decisions.some((d) => ec2InstanceSpec(d.instanceType).burstable)).toBe(true);
    expect(decisions.some((d) => d.reason.startsWith('no utilisation data'))).toBe(true);
    const dbDecisions = plan.databases.map((db) =>
      rightSizeDatabase(db, applicationOf(plan, db.application)),
    );
    expect(dbDecisions.some((d) => d.overridden)).toBe(true);
  });
});

/** Price lookups and the cost estimate on the small test plan, worked by hand. */
import { estimateCost, renderEstimateCsv, renderEstimateMarkdown } from '../../../lib/cost/estimate';
import {
  backupStorageMonthlyUsdPerGiB,
  bundledSnapshot,
  ebsGp3MonthlyUsdPerGiB,
  ec2HourlyUsd,
  PricingError,
  rdsHourlyUsd,
  rdsStorageMonthlyUsdPerGiB,
} from '../../../lib/cost/pricing';
import { Money, penny } from '../../../lib/shared/money';
import { minimalPlanInput } from '../../support/plan-builder';
import { EC2_INSTANCE_TYPES, RDS_INSTANCE_CLASSES } from '../../../lib/sizing';
import { buildPlan, separateNonProductionInput } from '../../support/plan-builder';
import { buildEstateModel } from '../../../lib/estate-model';

describe('price snapshot', () => {
  const s = bundledSnapshot();

  it('is dated and says how it was compiled', () => {
    expect(s.metadata.region).toBe('eu-west-2');
    expect(s.metadata.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(s.metadata.source).toContain('cost refresh-prices');
  });

  it('prices every EC2 type and RDS class the sizing catalogue holds', () => {
    expect(EC2_INSTANCE_TYPES.map((t) => t.name).filter((n) => !s.ec2[n])).toEqual([]);
    expect(RDS_INSTANCE_CLASSES.map((c) => c.name).filter((n) => !s.rds[n] && !n.endsWith('.nano'))).toEqual(
      [],
    );
  });

  it('has savings plans below on-demand and Windows above Linux', () => {
    for (const [type, p] of Object.entries(s.ec2)) {
      expect([type, Number(p.linux.savingsPlan3yr) < Number(p.linux.savingsPlan1yr)]).toEqual([type, true]);
      expect([type, Number(p.linux.savingsPlan1yr) < Number(p.linux.onDemand)]).toEqual([type, true]);
      expect([type, Number(p.windows.onDemand) > Number(p.linux.onDemand)]).toEqual([type, true]);
    }
  });

  it('looks prices up and refuses what it does not hold or AWS does not sell', () => {
    expect(ec2HourlyUsd('m7i.large', 'linux')).toBe(s.ec2['m7i.large']!.linux.onDemand);
    expect(ec2HourlyUsd('m7i.large', 'windows', 'savings-plan-3yr')).toBe(
      s.ec2['m7i.large']!.windows.savingsPlan3yr,
    );
    expect(rdsHourlyUsd('db.m6i.large', 'sqlserver', 'standard', 'aws-licence-included', true)).toBe(
      s.rds['db.m6i.large']!.multiAz['sqlserver-standard'],
    );
    expect(() => ec2HourlyUsd('x9.large', 'linux')).toThrow(/No EC2 price for instance type "x9.large"/);
    expect(() => rdsHourlyUsd('db.m7g.large', 'sqlserver', 'web', 'aws-licence-included', false)).toThrow(
      PricingError,
    );
    expect(() => rdsHourlyUsd('db.m6i.large', 'oracle', 'enterprise', 'aws-licence-included', false)).toThrow(
      /bring-your-own-licence/,
    );
  });
});

describe('cost estimate, small plan', () => {
  const e = estimateCost({
    model: buildEstateModel(buildPlan()),
    snapshot: bundledSnapshot(),
    today: '2026-11-28',
  });
  const item = (id: string) => e.items.find((i) => i.id === id)!;

  it('prices a right-sized server by hand', () => {
    // intranet-web-01: t3.medium Linux 0.0472 x 730 = 34.456; gp3 40 x 0.0928 = 3.712;
    // backup 40 x 0.053 = 2.12; total 40.288 -> $40.29; x 0.79 = 31.82752 -> £31.83
    expect(item('intranet-web-01').resource).toMatch(/^t3\.medium Linux/);
    expect(item('intranet-web-01').monthlyUsd['on-demand']).toBe('40.29');
    expect(item('intranet-web-01').monthlyGbp['on-demand']).toBe('31.83');
  });

  it('prices RDS at on-demand for every rate, Multi-AZ when highly available', () => {
    const db = item('revenues-db');
    expect(db.resource).toMatch(/sqlserver standard Multi-AZ/);
    expect(db.monthlyUsd['savings-plan-3yr']).toBe(db.monthlyUsd['on-demand']);
  });

  it('leaves retired servers out and says so', () => {
    expect(e.notCosted).toEqual([{ id: 'legacy-fax-01', kind: 'server', strategy: 'retire' }]);
  });

  it('totals are the sums of the lines, and the saving is legacy minus AWS', () => {
    const sum = (xs: string[]) => (xs.reduce((a, x) => a + Math.round(Number(x) * 100), 0) / 100).toFixed(2);
    expect(e.totalMonthlyGbp['on-demand']).toBe(sum(e.items.map((i) => i.monthlyGbp['on-demand'])));
    // Shared network items sit on the first wave, so the waves cover every line.
    expect(sum(e.byWave.map((g) => g.monthlyGbp['on-demand']))).toBe(e.totalMonthlyGbp['on-demand']);
    expect(e.legacyMonthlyGbp).toBe('6050.50');
    expect(e.monthlySavingGbp['on-demand']).toBe(
      (6050.5 - Number(e.totalMonthlyGbp['on-demand'])).toFixed(2),
    );
  });

  it('renders Markdown and CSV with the same totals', () => {
    const md = renderEstimateMarkdown(e);
    expect(md).toContain('Legacy baseline per month | £6,050.50');
    const csv = renderEstimateCsv(e);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const total = csv.split('\r\n').find((l) => l.startsWith('total,'))!;
    expect(total.split(',').slice(-3)[0]).toBe(e.totalMonthlyGbp['on-demand']);
  });
});

describe('an estate with a separate non-production account', () => {
  test('prices the non-production VPC (NAT gateways and endpoints) as well as the production one', () => {
    const input = separateNonProductionInput();
    const snapshot = bundledSnapshot();
    const one = estimateCost({ model: buildEstateModel(buildPlan()), snapshot, today: '2026-05-01' });
    const two = estimateCost({ model: buildEstateModel(buildPlan(input)), snapshot, today: '2026-05-01' });
    const shared = (e: typeof one) => e.items.filter((i) => i.kind === 'shared');
    expect(shared(one).map((i) => i.id)).toEqual(['nat-gateways', 'interface-endpoints']);
    expect(shared(two).map((i) => i.id)).toEqual([
      'nat-gateways',
      'interface-endpoints',
      'non-production-nat-gateways',
      'non-production-interface-endpoints',
    ]);
    expect(shared(two)[2]!.resource).toContain('in the non-production account 222222222222');
    expect(shared(two)[2]!.monthlyUsd).toEqual(shared(two)[0]!.monthlyUsd);
  });
});

describe('the estimate prices what the templates build', () => {
  const snapshot = bundledSnapshot();
  const usd = (x: Money) => penny(x);

  test('a database is priced at its allocated storage (planned size + 20 %, at least 20 GiB), backup at its data', () => {
    const e = estimateCost({ model: buildEstateModel(buildPlan()), snapshot, today: '2026-11-28' });
    const db = e.items.find((i) => i.id === 'intranet-db')!;
    // intranet-db: 20 GiB planned -> 24 GiB allocated (lib/estate-model/database-storage.ts).
    expect(db.priced?.allocatedStorageGiB).toBe(24);
    expect(db.resource).toContain('gp3 24 GiB allocated (20 GiB data), backup 20 GiB');
    const hourly = rdsHourlyUsd(
      db.priced!.type,
      'postgresql',
      undefined,
      'aws-licence-included',
      false,
      snapshot,
    );
    const expected = new Money(hourly)
      .times(730)
      .plus(new Money(24).times(rdsStorageMonthlyUsdPerGiB(false, snapshot)))
      .plus(new Money(20).times(backupStorageMonthlyUsdPerGiB(snapshot)));
    expect(db.monthlyUsd['on-demand']).toBe(usd(expected));
  });

  test('a bring-your-own-licence Windows server is priced on a Dedicated Host without the Windows licence', () => {
    const input = minimalPlanInput();
    const rev = input.servers.servers.find((s: { id: string }) => s.id === 'revenues-app-01');
    rev.licence = 'bring-your-own';
    rev.image = { importedImageId: 'ami-0abc12345678def01' };
    const e = estimateCost({ model: buildEstateModel(buildPlan(input)), snapshot, today: '2026-11-28' });
    const server = e.items.find((i) => i.id === 'revenues-app-01')!;
    expect(server.priced).toMatchObject({ tenancy: 'host', allocatedStorageGiB: null });
    expect(server.resource).toMatch(/on a Dedicated Host \(bring-your-own Windows licence\), gp3 300 GiB/);
    const type = server.priced!.type;
    const expected = new Money(ec2HourlyUsd(type, 'linux', 'on-demand', snapshot))
      .times(730)
      .plus(new Money(300).times(ebsGp3MonthlyUsdPerGiB(snapshot)))
      .plus(new Money(300).times(backupStorageMonthlyUsdPerGiB(snapshot)));
    // The licence-free rate, at every pricing option (no host Savings Plan rate in the snapshot).
    expect(server.monthlyUsd).toEqual({
      'on-demand': usd(expected),
      'savings-plan-1yr': usd(expected),
      'savings-plan-3yr': usd(expected),
    });
    expect(Number(server.monthlyUsd['on-demand'])).toBeLessThan(
      Number(new Money(ec2HourlyUsd(type, 'windows', 'on-demand', snapshot)).times(730)),
    );
    expect(e.assumptions.some((a) => a.startsWith('Dedicated Hosts'))).toBe(true);
    // A licence-included plan has no Dedicated Host, and its estimate says nothing about hosts.
    const plain = estimateCost({ model: buildEstateModel(buildPlan()), snapshot, today: '2026-11-28' });
    expect(plain.items.find((i) => i.id === 'revenues-app-01')!.priced?.tenancy).toBe('default');
    expect(plain.assumptions.some((a) => a.startsWith('Dedicated Hosts'))).toBe(false);
  });
});

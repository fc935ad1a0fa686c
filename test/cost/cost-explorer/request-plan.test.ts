import { contiguousRuns } from '../../../lib/cost/cost-explorer/private/month-runs';
import { planRequests } from '../../../lib/cost/cost-explorer/private/request-plan';

describe('Cost Explorer request plan', () => {
  const plan = planRequests('2026-09..2026-10', ['wave-1', 'wave-2'], {
    app: 'Application',
    wave: 'MigrationWave',
  });

  it('makes W + 2 GetCostAndUsage queries, each with at most two GroupBy keys', () => {
    expect(plan).toHaveLength(4);
    for (const r of plan) expect(r.groupBy.length).toBeLessThanOrEqual(2);
    expect(plan.map((r) => r.mapping.wave)).toEqual(['wave-1', 'wave-2', null, null]);
  });

  it('maps credits, refunds and tax to their charge categories and rejects other record types', () => {
    const last = plan[3]!.mapping;
    expect(last.fromKeys(['Credit', 'AWS Support'], 'here')).toEqual({
      application: null,
      service: 'AWS Support',
      chargeCategory: 'credit',
    });
    expect(last.fromKeys(['Refund', 'EC2'], 'here').chargeCategory).toBe('adjustment');
    expect(last.fromKeys(['Tax', 'EC2'], 'here').chargeCategory).toBe('tax');
    expect(() => last.fromKeys(['Usage', 'EC2'], 'here')).toThrow(
      'here: unexpected RECORD_TYPE "Usage" (asked for Credit, Refund, Tax)',
    );
  });
});

describe('contiguousRuns', () => {
  it('groups consecutive months and keeps the current month apart', () => {
    expect(contiguousRuns(['2026-06', '2026-07', '2026-09', '2026-10', '2026-11'], '2026-11')).toEqual([
      ['2026-06', '2026-07'],
      ['2026-09', '2026-10'],
      ['2026-11'],
    ]);
  });
});

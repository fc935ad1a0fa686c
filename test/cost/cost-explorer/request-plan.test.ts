import { contiguousRuns } from '../../../lib/cost/cost-explorer/private/month-runs';
import { planRequests } from '../../../lib/cost/cost-explorer/private/request-plan';

describe('Cost Explorer request plan', () => {
  const plan = planRequests('2026-09..2026-10', { app: 'Application', wave: 'MigrationWave' });

  it('makes 2 GetCostAndUsage queries whatever the waves, each with at most two GroupBy keys', () => {
    expect(plan).toHaveLength(2);
    for (const r of plan) expect(r.groupBy.length).toBeLessThanOrEqual(2);
    expect(plan[0]!.groupBy).toEqual([
      { Type: 'TAG', Key: 'Application' },
      { Type: 'TAG', Key: 'MigrationWave' },
    ]);
  });

  it('maps usage by tags to tags rows, untagged to null', () => {
    expect(plan[0]!.mapping.fromKeys(['Application$revenues', 'MigrationWave$'], 'here')).toEqual({
      application: 'revenues',
      wave: null,
      service: 'All services',
      chargeCategory: 'usage',
      breakdown: 'tags',
    });
  });

  it('maps credits, refunds and tax to full rows and other record types to service rows', () => {
    const last = plan[1]!.mapping;
    expect(last.fromKeys(['Credit', 'AWS Support'], 'here')).toEqual({
      application: null,
      wave: null,
      service: 'AWS Support',
      chargeCategory: 'credit',
    });
    expect(last.fromKeys(['Refund', 'EC2'], 'here').chargeCategory).toBe('adjustment');
    expect(last.fromKeys(['Tax', 'EC2'], 'here').chargeCategory).toBe('tax');
    expect(last.fromKeys(['Usage', 'EC2'], 'here')).toMatchObject({
      breakdown: 'service',
      chargeCategory: 'usage',
    });
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

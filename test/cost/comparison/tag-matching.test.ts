/**
 * Application tag values as councils really write them: plan ids, application names and legacy
 * codes (declared per application as `tagValues`), and a few that match nothing. Credits and
 * refunds get a line of their own; other clouds in a FOCUS file are stated, not counted.
 */
import { buildCostReport } from '../../../lib/cost/comparison';
import { renderHtml, renderMarkdown } from '../../../lib/cost/report';
import { buildPlan, minimalPlanInput } from '../../support/plan-builder';
import { handBilling, row } from './fixtures';
import { buildEstateModel } from '../../../lib/estate-model';

function planWithAliases() {
  const input = minimalPlanInput();
  input.estate.applications[0] = {
    ...input.estate.applications[0]!,
    tagValues: ['REVBEN', 'Revenues & Benefits'],
  };
  return buildPlan(input);
}

describe('Application tag values', () => {
  const billing = handBilling();
  const report = buildCostReport({
    model: buildEstateModel(planWithAliases()),
    billing: {
      ...billing,
      rows: [
        ...billing.rows,
        row('2026-07', '100', { application: 'REVBEN' }),
        row('2026-07', '50', { application: 'Revenues & Benefits' }),
        row('2026-07', '10', { application: 'revenues' }),
        row('2026-07', '20', { application: 'PAYROLL-LEGACY' }),
        row('2026-07', '-30', { application: null, wave: null, chargeCategory: 'credit' }),
        row('2026-07', '-5', { application: null, wave: null, chargeCategory: 'adjustment' }),
      ],
      otherProviders: [
        { provider: 'Microsoft', currency: 'USD', billedCost: '12.50', effectiveCost: '12.00' },
      ],
    },
    reportMonth: '2026-07',
    today: '2026-08-05',
  });
  const line = (key: string | null) => report.byApplication.lines.find((l) => l.key === key);

  it('matches tag values to applications by id and by the plan’s tagValues', () => {
    // (100 + 50 + 10) x 0.79 = 126.40
    expect(line('revenues')!.aws).toBe('126.40');
    expect(line('REVBEN')).toBeUndefined();
    expect(line('Revenues & Benefits')).toBeUndefined();
  });

  it('lists unmatched tag values with their totals in a caveat, so finance can fix the tagging', () => {
    expect(line('PAYROLL-LEGACY')).toMatchObject({ unknownTag: true, aws: '15.80' });
    expect(report.caveats).toContain(
      'Application tag values that match no application in the plan (by id or tagValues): "PAYROLL-LEGACY" £15.80. Fix the tags, or add the value to that application\'s tagValues in estate.yaml.',
    );
  });

  it('gives credits and refunds their own line, not the untagged one', () => {
    // (-30 - 5) x 0.79 = -27.65
    expect(line('credits-and-refunds')).toMatchObject({ label: 'Credits and refunds', aws: '-27.65' });
    expect(line(null)!.aws).toBe('7.91'); // the untagged AWS Config spend only: 10.01 x 0.79
    expect(report.byWave.lines.find((l) => l.key === 'credits-and-refunds')!.aws).toBe('-27.65');
  });

  it('states other providers’ totals in a caveat and leaves them out of AWS spend', () => {
    expect(report.caveats).toContain(
      'Other providers in the FOCUS data are not counted as AWS spend: Microsoft USD 12.50 billed (12.00 effective).',
    );
  });

  it('says plainly what the baseline card is', () => {
    expect(renderHtml(report)).toContain('Baseline: what legacy would have cost to date');
    expect(renderHtml(report)).not.toContain('Legacy estate had nothing moved');
    expect(renderMarkdown(report)).toContain('| Baseline: what legacy would have cost to date |');
  });
});

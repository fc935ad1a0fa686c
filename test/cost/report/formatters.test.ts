/** Formatters render the same CostReport: CSV parses back to the same numbers, Markdown has the headline. */
import { buildCostReport } from '../../../lib/cost/comparison';
import { renderCsv, renderHtml, renderJson, renderMarkdown } from '../../../lib/cost/report';
import { handBilling } from '../comparison/fixtures';
import { buildPlan } from '../../support/plan-builder';
import { buildEstateModel } from '../../../lib/estate-model';

const report = buildCostReport({
  model: buildEstateModel(buildPlan()),
  billing: handBilling(),
  reportMonth: '2026-07',
  today: '2026-07-20',
  sampleData: true,
});

/** RFC 4180 parser (quotes, doubled quotes, CRLF), enough to read our files back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('CSV', () => {
  const files = renderCsv(report);

  it('writes one Excel-friendly file per table', () => {
    expect(Object.keys(files).sort()).toEqual([
      'by-application.csv',
      'by-wave.csv',
      'months.csv',
      'summary.csv',
      'top-services.csv',
    ]);
    for (const text of Object.values(files)) {
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    }
  });

  it('months.csv parses back to the report numbers, with ISO dates and marked months', () => {
    const [header, ...rows] = parseCsv(files['months.csv']!.slice(1));
    expect(header).toContain('aws_gbp');
    const col = (name: string) => header!.indexOf(name);
    const lines = rows.slice(0, report.months.length);
    lines.forEach((r, k) => {
      const m = report.months[k]!;
      expect(r[col('month_start')]).toBe(`${m.month}-01`);
      expect(r[col('aws_gbp')]).toBe(m.aws);
      expect(r[col('saving_gbp')]).toBe(m.saving);
      expect(r[col('cumulative_saving_gbp')]).toBe(m.cumulativeSaving);
      expect(r[col('aws_gbp')]).toMatch(/^-?\d+\.\d{2}$/);
    });
    const july = lines.find((r) => r[0] === '2026-07-01')!;
    expect(july[col('complete')]).toBe('no');
    expect(july[col('incomplete_reason')]).toMatch(/still open/);
    const total = rows.find((r) => r[0] === 'total to date')!;
    expect(total[col('aws_gbp')]).toBe('244.91');
  });

  it('breakdown files reconcile: rows sum to the total row', () => {
    const [header, ...rows] = parseCsv(files['by-application.csv']!.slice(1));
    const aws = header!.indexOf('aws_gbp_to_date');
    const body = rows.filter((r) => r[0] !== 'total');
    const sumPence = body.reduce((a, r) => a + Math.round(Number(r[aws]) * 100), 0);
    expect(rows.find((r) => r[0] === 'total')![aws]).toBe((sumPence / 100).toFixed(2));
    expect(body.find((r) => r[0] === 'untagged')![aws]).toBe('7.91');
  });

  it('writes every GBP column as a plain number with two decimals', () => {
    for (const name of ['months.csv', 'by-application.csv', 'by-wave.csv', 'top-services.csv']) {
      const [header, ...rows] = parseCsv(files[name]!.slice(1));
      const money = header!.flatMap((h, i) => (h.includes('gbp') && h !== 'usd_to_gbp' ? [i] : []));
      expect(money.length).toBeGreaterThan(0);
      for (const r of rows)
        for (const i of money)
          if (r[i] !== '') expect([name, r[i]]).toEqual([name, expect.stringMatching(/^-?\d+\.\d{2}$/)]);
    }
  });

  it('marks sample data in the summary', () => {
    expect(files['summary.csv']).toMatch(/sample_data,"yes - sample data, not your bill"/);
  });
});

describe('Markdown', () => {
  const md = renderMarkdown(report);
  it('has the headline numbers, break-even and the sample-data warning', () => {
    expect(md).toContain('| AWS spend to date | £244.91 |');
    expect(md).toContain('| **Saving to date** | **-£15,244.91** |');
    expect(md).toContain('Break-even: **Feb 2027 (forecast)**');
    expect(md).toMatch(/SAMPLE DATA, NOT YOUR BILL/);
    expect(md).toMatch(/Incomplete data:\*\* 2026-07/);
  });
});

describe('JSON', () => {
  it('is the CostReport with amounts as strings', () => {
    const parsed = JSON.parse(renderJson(report)) as typeof report & { format: string };
    expect(parsed.format).toBe('council-estate-cost-report');
    expect(parsed.headline).toEqual(report.headline);
    expect(parsed.months).toEqual(report.months);
    expect(typeof parsed.months[0]!.aws).toBe('string');
  });
});

describe('HTML', () => {
  const html = renderHtml(report);
  it('is self-contained and printable', () => {
    expect(html).not.toMatch(/<(script|link|img)\b/i);
    expect(html).not.toMatch(/(src|href)=["']?https?:/i);
    expect(html).toContain('@media print');
    expect(html.match(/<svg /g)).toHaveLength(2);
  });
  it('carries exact figures in data-value attributes and marks sample and incomplete data', () => {
    expect(html).toContain('data-testid="headline-aws-to-date" data-value="244.91"');
    expect(html).toContain('data-testid="headline-break-even" data-value="2027-02"');
    expect(html).toContain('data-testid="sample-data-banner"');
    expect(html).toContain('data-testid="incomplete-banner"');
  });
  it('escapes text from the plan and billing', () => {
    const billing = handBilling();
    const r = buildCostReport({
      model: buildEstateModel(buildPlan()),
      billing: {
        ...billing,
        rows: [...billing.rows, { ...billing.rows[0]!, service: '<script>alert(1)</script>' }],
      },
      reportMonth: '2026-07',
      today: '2026-08-05',
    });
    expect(renderHtml(r)).not.toContain('<script>alert(1)');
  });
});

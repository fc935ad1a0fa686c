/**
 * Opens the HTML report in a real headless Chromium (@sparticuz/chromium + puppeteer-core), takes a
 * screenshot and checks the headline figures on the page equal the JSON report's.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildCostReport } from '../../../lib/cost/comparison';
import { renderHtml, renderJson } from '../../../lib/cost/report';
import { withPage } from '../../support/browser';
import { buildPlan } from '../../support/plan-builder';
import { handBilling } from '../comparison/fixtures';
import { buildEstateModel } from '../../../lib/estate-model';

const HEADLINE_IDS: Record<string, string> = {
  'headline-aws-to-date': 'awsToDate',
  'headline-legacy-paid-to-date': 'legacyPaidToDate',
  'headline-one-off-to-date': 'oneOffToDate',
  'headline-counterfactual-to-date': 'counterfactualToDate',
  'headline-saving-to-date': 'savingToDate',
  'headline-forecast-saving': 'forecastSavingAtEnd',
  'headline-untagged-to-date': 'untaggedToDate',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'r-browser-'));
  const report = buildCostReport({
    model: buildEstateModel(buildPlan()),
    billing: handBilling(),
    reportMonth: '2026-07',
    today: '2026-08-05',
  });
  writeFileSync(join(dir, 'cost-report.html'), renderHtml(report));
  writeFileSync(join(dir, 'cost-report.json'), renderJson(report));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('renders in Chromium with the same headline numbers as the JSON', async () => {
  const json = JSON.parse(readFileSync(join(dir, 'cost-report.json'), 'utf8')) as {
    headline: Record<string, string | null>;
  };
  const { values, texts, svgs } = await withPage(async (page) => {
    await page.goto(pathToFileURL(join(dir, 'cost-report.html')).href, { waitUntil: 'load' });
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
    // A string expression: the test project has no DOM types, the page does.
    return (await page.evaluate(`(() => {
      const values = {};
      const texts = {};
      for (const el of document.querySelectorAll('[data-testid^="headline-"]')) {
        const id = el.getAttribute('data-testid');
        values[id] = el.getAttribute('data-value');
        texts[id] = el.innerText;
      }
      const svgs = Array.from(document.querySelectorAll('svg')).map((s) => s.getBoundingClientRect().height);
      return { values, texts, svgs };
    })()`)) as { values: Record<string, string | null>; texts: Record<string, string>; svgs: number[] };
  });
  for (const [id, key] of Object.entries(HEADLINE_IDS)) {
    expect(values[id]).toBe(json.headline[key]);
    expect(texts[id]!.replace(/[£,]/g, '')).toBe(json.headline[key]);
  }
  expect(values['headline-break-even']).toBe(json.headline.breakEvenMonth);
  expect(svgs.every((h) => h > 100)).toBe(true);
  const png = readFileSync(join(dir, 'report.png'));
  expect(statSync(join(dir, 'report.png')).size).toBeGreaterThan(10_000);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
});

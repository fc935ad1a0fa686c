/**
 * The audit report of a generated 1,000-server estate (38,000 rows), written once by
 * writeAuditReport and opened in a real headless Chromium: the first view is under 3 MB and
 * renders in under 2 s, summary first; a rule's rows load when it is opened; search finds a
 * resource; CSV and JSON hold every row. A screenshot of the first view is kept for a look.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditGroups, formatAuditCsv, formatAuditJson, formatAuditPages } from '../../lib/compliance/audit';
import type { AuditMeta } from '../../lib/compliance/audit';
import { withPage } from '../support/browser';
import { generatedEstateAudit } from '../support/audit-rows';

const audit = generatedEstateAudit(1000);
const dir = mkdtempSync(join(tmpdir(), 'audit-scale-'));
const meta: AuditMeta = {
  estate: 'bench — Benchmark Borough Council',
  generatedAt: '2026-11-30T09:00:00.000Z',
  registerFile: 'compliance-register.yaml',
  controlTower: true,
  expired: [],
  expiringSoon: [
    'compliance-register.yaml:12:5 suppression of AwsSolutions-IAM4 on "Bench-*/**" is due for review by 2026-12-20 (20 days); Head of ICT Security must review it',
  ],
};

beforeAll(() => {
  const pages = formatAuditPages(audit, meta);
  mkdirSync(join(dir, 'findings'), { recursive: true });
  for (const c of pages.chunks) writeFileSync(join(dir, 'findings', c.file), c.text);
  writeFileSync(join(dir, 'index.html'), pages.index);
  writeFileSync(join(dir, 'findings.csv'), formatAuditCsv(audit.rows));
  writeFileSync(join(dir, 'findings.json'), formatAuditJson(audit, meta));
});

test('the estate has the size the issue measured: over 34,000 rows', () => {
  expect(audit.rows.length).toBeGreaterThanOrEqual(34_000);
});

test('the first view (index.html) is under 3 MB; the rows are in per-rule files', () => {
  expect(statSync(join(dir, 'index.html')).size).toBeLessThan(3 * 1024 * 1024);
  expect(readdirSync(join(dir, 'findings'))).toHaveLength(auditGroups(audit.rows).length);
});

test('CSV and JSON hold every row', () => {
  expect(readFileSync(join(dir, 'findings.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(
    audit.rows.length + 1,
  );
  expect(
    (JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as { rows: unknown[] }).rows,
  ).toHaveLength(audit.rows.length);
});

test('headless Chromium renders the first view in under 2 s, summary first; rules open and search on demand', async () => {
  const result = await withPage(async (page) => {
    const started = Date.now();
    await page.goto(`file://${join(dir, 'index.html')}`, { waitUntil: 'load' });
    const loadMs = Date.now() - started;
    await page.screenshot({ path: join(dir, 'first-view.png') });
    const first = (await page.evaluate(`(() => ({
      headings: [...document.querySelectorAll('h2')].map((h) => h.textContent),
      totals: document.getElementById('totals').getAttribute('data-rows'),
      expiring: [...document.querySelectorAll('#expiring li')].map((li) => li.textContent),
      rules: document.querySelectorAll('#findings tr.group').length,
      findingRows: document.querySelectorAll('#findings tr.finding').length,
      summaryRules: document.querySelectorAll('#summary-rules tbody tr').length,
    }))()`)) as {
      headings: string[];
      totals: string;
      expiring: string[];
      rules: number;
      findingRows: number;
      summaryRules: number;
    };
    const opened = (await page.evaluate(`(async () => {
      await window.auditReport.open(0);
      return document.querySelectorAll('#findings tr.finding').length;
    })()`)) as number;
    const searched = (await page.evaluate(`(async () => {
      document.getElementById('filter-text').value = 'Server0421/';
      await window.auditReport.apply();
      return [...document.querySelectorAll('#findings tr.finding td.path')].map((td) => td.textContent);
    })()`)) as string[];
    return { loadMs, first, opened, searched };
  });
  const groups = auditGroups(audit.rows);
  expect(result.loadMs).toBeLessThan(2000);
  expect(result.first.headings.slice(0, 2)).toEqual([
    'Unsuppressed findings',
    'Acceptances due for review within 30 days',
  ]);
  expect(result.first.totals).toBe(String(audit.rows.length));
  expect(result.first.expiring).toEqual(meta.expiringSoon);
  expect(result.first.rules).toBe(groups.length);
  expect(result.first.summaryRules).toBe(groups.length + 1); // and the total
  expect(result.first.findingRows).toBe(0); // no row loaded before it is asked for
  expect(result.opened).toBe(groups[0]!.rows);
  const server421 = audit.rows.filter((r) => r.resourcePath.includes('Server0421/'));
  expect(result.searched).toHaveLength(server421.length);
  expect(new Set(result.searched)).toEqual(new Set(server421.map((r) => r.resourcePath)));
  expect(statSync(join(dir, 'first-view.png')).size).toBeGreaterThan(10_000);
}, 120_000);

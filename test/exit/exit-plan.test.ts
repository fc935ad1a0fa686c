import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../lib/cli';
import {
  planExit,
  renderExitCsv,
  renderRunbookMarkdown,
  renderRunbookHtml,
  EXIT_CSV_HEADER,
} from '../../lib/exit';
import { loadPlan } from '../../lib/plan';
import { ESTATE_PLAN_CHECKS } from '../../lib/app/plan-checks';
import { Money as Dec } from '../../lib/shared/money';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { captureIo } from '../cli/capture-io';
import { buildEstateModel } from '../../lib/estate-model';

const EXAMPLE = resolve(__dirname, '../../migration-plans/peterborough');

function parseCsv(text: string): Record<string, string>[] {
  const lines = text.trimEnd().split('\r\n');
  const header = lines[0]!.split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i]!, v])));
}

describe('exit plan for the bundled estate', () => {
  const plan = loadPlan(EXAMPLE, { checks: ESTATE_PLAN_CHECKS });
  const exit = planExit(buildEstateModel(plan));

  it('names a route for every server and database on AWS, and says which are not', () => {
    const routed = new Set(exit.items.map((i) => i.id));
    const absent = new Set(exit.notOnAws.map((i) => i.id));
    for (const item of [...plan.servers, ...plan.databases]) {
      const onAws = ['rehost', 'replatform', 'relocate'].includes(item.strategy);
      expect([item.id, onAws ? routed.has(item.id) : absent.has(item.id)]).toEqual([item.id, true]);
    }
    const md = renderRunbookMarkdown(exit);
    for (const i of exit.items) expect(md).toContain(`\`${i.id}\` (${i.wave}) — ${i.route}`);
    for (const x of exit.notOnAws) expect(md).toContain(`\`${x.id}\` (${x.wave}, ${x.strategy})`);
    expect(md).toContain('pcc-fax-01');
    expect(renderRunbookHtml(exit)).toContain('retired: switched off');
  });

  it('totals reconcile with the CSV', () => {
    const rows = parseCsv(renderExitCsv(exit));
    expect(Object.keys(rows[0]!)).toEqual([...EXIT_CSV_HEADER]);
    expect(rows).toHaveLength(exit.totals.items);
    const sum = (col: string) => rows.reduce((s, r) => s.plus(r[col]!), new Dec(0)).toFixed(2);
    expect(sum('total_usd')).toBe(exit.totals.totalUsd);
    expect(sum('egress_usd')).toBe(exit.totals.egressUsd);
    expect(sum('total_with_waiver_usd')).toBe(exit.totals.totalWithWaiverUsd);
    expect(rows.reduce((s, r) => s + Number(r.volume_gib), 0)).toBe(exit.totals.volumeGiB);
    expect(renderRunbookMarkdown(exit)).toContain(`| ${exit.totals.volumeGiB} |`);
    expect(renderRunbookMarkdown(exit)).toContain(
      `| ${exit.totals.totalUsd} | ${exit.totals.totalWithWaiverUsd} |`,
    );
    expect(Number(exit.totals.totalWithWaiverUsd)).toBeLessThan(Number(exit.totals.totalUsd));
  });

  it('orders by reverse wave, and an item before what it depends on', () => {
    const position = new Map(exit.items.map((i, n) => [i.id, n]));
    for (let n = 1; n < exit.items.length; n++) {
      expect(exit.items[n]!.waveOrder).toBeLessThanOrEqual(exit.items[n - 1]!.waveOrder);
    }
    let checked = 0;
    for (const item of exit.items) {
      for (const dep of item.dependsOn) {
        const other = exit.items.find((i) => i.id === dep);
        if (other && other.wave === item.wave) {
          expect(position.get(item.id)!).toBeLessThan(position.get(dep)!);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('states the throughput and rate assumptions', () => {
    const md = renderRunbookMarkdown(exit);
    expect(md).toContain('Throughput per task (GiB/hour): image export 40');
    expect(md).toContain('AWS waives it for customers leaving AWS');
  });
});

describe('exit plan estimates', () => {
  it('prices an item from its volume and the stated rates', () => {
    const input = minimalPlanInput();
    const exit = planExit(buildEstateModel(buildPlan(input)));
    for (const item of exit.items) {
      const gb = new Dec(item.volumeGiB).times('1.073741824');
      expect(item.egressUsd).toBe(gb.times('0.09').toDecimalPlaces(2).toFixed(2));
      expect(new Dec(item.totalUsd).minus(item.egressUsd).toFixed(2)).toBe(item.totalWithWaiverUsd);
    }
    expect(exit.items.length).toBeGreaterThan(0);
  });
});

describe('estate exit plan (CLI)', () => {
  it('writes the runbook, exit plan and inventory', async () => {
    const out = mkdtempSync(join(tmpdir(), 'exit-plan-'));
    const io = captureIo();
    const code = await runCli(['exit', 'plan', '--plan', EXAMPLE, '--out', out], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    for (const f of ['runbook.html', 'runbook.md', 'exit-plan.csv', 'exit-plan.json', 'inventory.json']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const servers = parseCsv(readFileSync(join(out, 'inventory', 'servers.csv'), 'utf8'));
    const disks = parseCsv(readFileSync(join(out, 'inventory', 'disks.csv'), 'utf8'));
    const flows = parseCsv(readFileSync(join(out, 'inventory', 'flows.csv'), 'utf8'));
    expect(servers.length).toBeGreaterThan(40);
    expect(disks.reduce((s, d) => s + Number(d.sizeGiB), 0)).toBe(
      servers.reduce((s, d) => s + Number(d.diskGiB), 0),
    );
    expect(flows.length).toBeGreaterThan(0);
    // Provider-neutral: no AWS identifiers in the inventory.
    expect(readFileSync(join(out, 'inventory.json'), 'utf8')).not.toMatch(/ami-|arn:aws|m7i|db\./);
    expect(io.out()).toMatch(/^Exit plan for Peterborough City Council: \d+ items on AWS/);
  });

  it('refuses a bad plan folder with exit 2', async () => {
    const io = captureIo();
    const code = await runCli(['exit', 'plan', '--plan', join(tmpdir(), 'no-such-plan-folder')], io);
    expect(code).toBe(2);
    expect(io.err()).not.toBe('');
  });
});

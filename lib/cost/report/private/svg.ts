/**
 * Inline SVG charts (no external assets). Values arrive as decimal strings; they are turned into
 * numbers here for drawing only, never for arithmetic on money.
 */
import type { CostReport } from '../../comparison/types';
import { escapeHtml, gbp, monthLabel } from '../display';

const W = 960;
const H = 320;
const PAD = { left: 80, right: 20, top: 20, bottom: 50 };

function scale(min: number, max: number, from: number, to: number): (v: number) => number {
  const span = max - min || 1;
  return (v) => from + ((v - min) / span) * (to - from);
}

function niceTicks(min: number, max: number, count = 5): number[] {
  const span = max - min || 1;
  const step0 = span / count;
  const mag = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= step0) ?? step0;
  const ticks: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + 1e-9; v += step)
    ticks.push(Math.round(v * 100) / 100);
  return ticks;
}

function axes(
  ticks: number[],
  y: (v: number) => number,
  months: readonly string[],
  x: (i: number) => number,
): string {
  const parts: string[] = [];
  for (const t of ticks) {
    parts.push(
      `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" class="grid"/>`,
      `<text x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" class="tick">${escapeHtml(gbp(t.toFixed(0)).replace('.00', ''))}</text>`,
    );
  }
  const every = Math.max(1, Math.ceil(months.length / 12));
  months.forEach((m, i) => {
    if (i % every === 0) {
      parts.push(
        `<text x="${x(i).toFixed(1)}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="tick">${escapeHtml(monthLabel(m))}</text>`,
      );
    }
  });
  return parts.join('');
}

/** Monthly AWS + legacy still paid (+ one-offs) as stacked bars, against the counterfactual line. */
export function monthlyChart(r: CostReport): string {
  const months = r.months.map((m) => m.month);
  const vals = r.months.map((m) => ({
    aws: Number(m.aws),
    legacy: Number(m.legacyPaid),
    oneOff: Number(m.oneOff),
    cf: Number(m.counterfactual),
  }));
  const max = Math.max(1, ...vals.map((v) => Math.max(v.aws + v.legacy + v.oneOff, v.cf)));
  const min = Math.min(0, ...vals.map((v) => Math.min(v.aws, v.legacy)));
  const y = scale(min, max, H - PAD.bottom, PAD.top);
  const band = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const x = (i: number) => PAD.left + band * (i + 0.5);
  const bars: string[] = [];
  r.months.forEach((m, i) => {
    const v = vals[i]!;
    const bw = Math.max(1, band * 0.7);
    const left = (x(i) - bw / 2).toFixed(1);
    const cls = m.kind === 'forecast' ? ' forecast' : m.complete ? '' : ' incomplete';
    let base = 0;
    for (const [key, amount] of [
      ['aws', v.aws],
      ['legacy', v.legacy],
      ['oneoff', v.oneOff],
    ] as const) {
      if (amount <= 0) continue;
      const top = y(base + amount);
      bars.push(
        `<rect x="${left}" y="${top.toFixed(1)}" width="${bw.toFixed(1)}" height="${(y(base) - top).toFixed(1)}" class="bar-${key}${cls}"><title>${escapeHtml(`${monthLabel(m.month)} ${key}: ${gbp(key === 'aws' ? m.aws : key === 'legacy' ? m.legacyPaid : m.oneOff)}${m.kind === 'forecast' ? ' (forecast)' : m.complete ? '' : ' (incomplete)'}`)}</title></rect>`,
      );
      base += amount;
    }
  });
  const line = vals.map((v, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v.cf).toFixed(1)}`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Monthly AWS spend and remaining legacy costs against the legacy baseline" data-testid="chart-monthly">
${axes(niceTicks(min, max), y, months, x)}
${bars.join('\n')}
<path d="${line}" class="line-baseline"/>
</svg>`;
}

/** Cumulative saving over the agreement, with the zero line and break-even marked. */
export function cumulativeChart(r: CostReport): string {
  const months = r.months.map((m) => m.month);
  const vals = r.months.map((m) => Number(m.cumulativeSaving));
  const max = Math.max(0, ...vals);
  const min = Math.min(0, ...vals);
  const y = scale(min, max === min ? min + 1 : max, H - PAD.bottom, PAD.top);
  const band = (W - PAD.left - PAD.right) / Math.max(1, months.length);
  const x = (i: number) => PAD.left + band * (i + 0.5);
  const lastActual = r.months.filter((m) => m.kind === 'actual').length - 1;
  const path = (from: number, to: number) =>
    vals
      .slice(from, to + 1)
      .map((v, k) => `${k === 0 ? 'M' : 'L'}${x(from + k).toFixed(1)},${y(v).toFixed(1)}`)
      .join(' ');
  const be = r.headline.breakEvenMonth ? months.indexOf(r.headline.breakEvenMonth) : -1;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="Cumulative saving over the agreement" data-testid="chart-cumulative">
${axes(niceTicks(min, max === min ? min + 1 : max), y, months, x)}
<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}" class="zero"/>
${lastActual >= 0 ? `<path d="${path(0, lastActual)}" class="line-actual"/>` : ''}
${lastActual < vals.length - 1 ? `<path d="${path(Math.max(0, lastActual), vals.length - 1)}" class="line-forecast"/>` : ''}
${be >= 0 ? `<circle cx="${x(be).toFixed(1)}" cy="${y(vals[be]!).toFixed(1)}" r="5" class="break-even"><title>Break-even ${escapeHtml(monthLabel(months[be]!))}</title></circle>` : ''}
</svg>`;
}

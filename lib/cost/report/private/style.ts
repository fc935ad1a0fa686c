/** Inline CSS for the HTML report, screen and print. */
export const REPORT_CSS = `
:root { --aws: #1f6feb; --legacy: #b08800; --oneoff: #8250df; --base: #cf222e; --ok: #1a7f37; --ink: #1f2328; --muted: #59636e; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Arial, Helvetica, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1040px; padding: 24px; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.2rem; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.sub { color: var(--muted); margin: 0 0 16px; }
.banner { border: 2px solid var(--base); background: #fff5f5; padding: 10px 14px; margin: 12px 0; font-weight: 600; }
.banner.warn { border-color: var(--legacy); background: #fff8e1; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; }
.card { border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; }
.card .label { color: var(--muted); font-size: .85rem; } .card .value { font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
.card.key { border-color: var(--ok); }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: 8px 0; }
th { vertical-align: bottom; } td small { color: var(--muted); }
th, td { border-bottom: 1px solid #eaeef2; padding: 4px 8px; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; } th.num { text-align: right; }
tr.total td { font-weight: 600; border-top: 2px solid #8c959f; }
tr.forecast td { color: var(--muted); font-style: italic; } tr.incomplete td { background: #fff8e1; }
.neg { color: var(--base); }
.legend span { display: inline-block; margin-right: 16px; font-size: .85rem; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
svg { width: 100%; height: auto; } svg .grid { stroke: #eaeef2; } svg .tick { font-size: 11px; fill: var(--muted); }
svg .bar-aws { fill: var(--aws); } svg .bar-legacy { fill: var(--legacy); } svg .bar-oneoff { fill: var(--oneoff); }
svg .forecast { opacity: .45; } svg .incomplete { stroke: #000; stroke-dasharray: 2 2; }
svg .line-baseline { fill: none; stroke: var(--base); stroke-width: 2; }
svg .zero { stroke: #8c959f; stroke-width: 1; } svg .line-actual { fill: none; stroke: var(--ok); stroke-width: 2.5; }
svg .line-forecast { fill: none; stroke: var(--ok); stroke-width: 2; stroke-dasharray: 6 4; } svg .break-even { fill: var(--ok); }
ul.caveats li { margin-bottom: 4px; }
footer { margin-top: 32px; color: var(--muted); font-size: .8rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { page-break-after: avoid; } table, svg, .cards { page-break-inside: avoid; }
  .banner { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  svg * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  @page { size: A4 landscape; margin: 12mm; }
}
`;

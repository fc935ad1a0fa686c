/** A one-line text progress bar: `  pcc-web-01  [########------------]  40%  export-ami-...`. */
export function progressLine(id: string, percent: number, detail: string, width = 20): string {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round((p / 100) * width);
  return `  ${id}  [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(p).padStart(3)}%  ${detail}`;
}

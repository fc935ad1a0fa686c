/** JSON output: the CostReport as it stands (amounts are already decimal strings). */
import type { CostReport } from '../comparison/types';

export function renderJson(r: CostReport): string {
  return `${JSON.stringify({ format: 'council-estate-cost-report', version: 1, ...r }, null, 2)}\n`;
}

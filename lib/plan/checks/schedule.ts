/** Dates make sense: agreement end after start, wave orders unique, decommission not before cutover. */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';

export const schedule: PlanCheck = ({ estate }) => {
  const out: RawProblem[] = [];
  const { start, end } = estate.estate.agreement;
  if (end <= start) {
    out.push({
      file: 'estate',
      path: ['estate', 'agreement', 'end'],
      message: `must be after the agreement start ${start}`,
      received: end,
      allowed: `a month after ${start}`,
    });
  }
  const orders = new Map<number, string>();
  estate.waves.forEach((w, i) => {
    const other = orders.get(w.order);
    if (other !== undefined) {
      out.push({
        file: 'estate',
        path: ['waves', i, 'order'],
        message: `is already used by wave ${other}; wave orders must be unique`,
        received: w.order,
      });
    } else {
      orders.set(w.order, w.id);
    }
    if (w.decommission < w.cutover) {
      out.push({
        file: 'estate',
        path: ['waves', i, 'decommission'],
        message: `is before the wave's cutover ${w.cutover}`,
        received: w.decommission,
        allowed: `${w.cutover} or later`,
      });
    }
  });
  return out;
};

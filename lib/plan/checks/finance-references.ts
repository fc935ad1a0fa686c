/** Budgets in `finance.budgets` name waves and applications of the plan. */
import type { RawProblem } from '../problem';
import type { PlanCheck } from './check';

export const financeReferences: PlanCheck = ({ estate }) => {
  const out: RawProblem[] = [];
  const budgets = estate.finance?.budgets;
  if (!budgets) return out;
  const waves = new Set(estate.waves.map((w) => w.id));
  const apps = new Set(estate.applications.map((a) => a.id));
  for (const id of Object.keys(budgets.waves))
    if (!waves.has(id))
      out.push({
        file: 'estate',
        path: ['finance', 'budgets', 'waves', id],
        message: 'is not a wave of the plan',
        received: id,
        allowed: [...waves].join(', '),
      });
  for (const id of Object.keys(budgets.applications))
    if (!apps.has(id))
      out.push({
        file: 'estate',
        path: ['finance', 'budgets', 'applications', id],
        message: 'is not an application of the plan',
        received: id,
        allowed: [...apps].join(', '),
      });
  return out;
};

/** Budgets in `finance.budgets` name waves and applications of the plan. */
import type { RawProblem } from '../problem';
import type { PlanCheck } from './check';

export const financeReferences: PlanCheck = ({ estate }) => {
  const out: RawProblem[] = [];
  const budgets = estate.finance?.budgets;
  if (!budgets) return out;
  const known = {
    waves: { ids: new Set(estate.waves.map((w) => w.id)), what: 'a wave' },
    applications: { ids: new Set(estate.applications.map((a) => a.id)), what: 'an application' },
  };
  for (const kind of ['waves', 'applications'] as const) {
    for (const id of Object.keys(budgets[kind])) {
      if (known[kind].ids.has(id)) continue;
      out.push({
        file: 'estate',
        path: ['finance', 'budgets', kind, id],
        message: `is not ${known[kind].what} of the plan`,
        received: id,
        allowed: [...known[kind].ids].join(', '),
      });
    }
  }
  return out;
};

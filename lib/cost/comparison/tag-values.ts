/**
 * Billing rows as the comparison counts them: Application tag values matched to plan
 * applications (by id, or by the application's `tagValues`: its name, legacy codes), and
 * account-level credits and refunds keyed to their own line.
 */
import type { MonthlyCostRow } from '../billing/types';
import type { EstateModel } from '../../estate-model';
import { CREDITS_KEY } from './breakdowns';

/** Maps a tag value to the plan application id it means; unmatched values are kept as written. */
export function applicationMatcher(model: EstateModel): (value: string | null) => string | null {
  const byValue = new Map<string, string>();
  for (const app of model.planned.applications) {
    for (const v of [app.id, ...(app.tagValues ?? [])]) byValue.set(v.trim().toLowerCase(), app.id);
  }
  return (value) => (value === null ? null : (byValue.get(value.trim().toLowerCase()) ?? value));
}

/** The row with its application matched, and credits/refunds without a tag keyed to their line. */
export function keyedRow(match: (v: string | null) => string | null, row: MonthlyCostRow): MonthlyCostRow {
  const application = match(row.application);
  const credit = row.chargeCategory === 'credit' || row.chargeCategory === 'adjustment';
  if (credit && application === null && row.wave === null) {
    return { ...row, application: CREDITS_KEY, wave: CREDITS_KEY };
  }
  return application === row.application ? row : { ...row, application };
}

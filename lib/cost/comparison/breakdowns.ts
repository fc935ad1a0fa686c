/** Tables by application, by wave and by service, each reconciling with its own rows. */
import type { EstateModel } from '../../estate-model';
import { Money, penny, sumPresented } from '../../shared/money';
import { SHARED_LEGACY } from './legacy';
import type { Breakdown, BreakdownLine, ServiceLine } from './types';

export const UNTAGGED_APPLICATION =
  'Untagged AWS spend (no Application tag); one-off costs without an application';
export const UNTAGGED_WAVE = 'Untagged AWS spend (no MigrationWave tag); one-off costs without a wave';

/** Key of the line for credits and refunds (account-level, never spread over applications). */
export const CREDITS_KEY = 'credits-and-refunds';
export const CREDITS_LABEL = 'Credits and refunds';

export const SHARED_LEGACY_LABEL =
  'Legacy costs shared by several applications or waves, or the whole estate';

export interface KeyedAmounts {
  readonly aws: ReadonlyMap<string | null, Money>;
  readonly oneOff: ReadonlyMap<string | null, Money>;
  readonly forecast: ReadonlyMap<string | null, Money>;
  readonly legacyPaid: ReadonlyMap<string | null, Money>;
  readonly counterfactual: ReadonlyMap<string | null, Money>;
}

function line(
  key: string | null,
  label: string,
  a: KeyedAmounts,
  extra: Partial<BreakdownLine> = {},
): BreakdownLine {
  const aws = penny(a.aws.get(key) ?? new Money(0));
  const oneOff = penny(a.oneOff.get(key) ?? new Money(0));
  const legacyPaid = penny(a.legacyPaid.get(key) ?? new Money(0));
  const counterfactual = penny(a.counterfactual.get(key) ?? new Money(0));
  return {
    key,
    label,
    aws,
    oneOff,
    legacyPaid,
    counterfactual,
    saving: new Money(counterfactual).minus(aws).minus(legacyPaid).minus(oneOff).toFixed(2),
    awsForecast: penny(a.forecast.get(key) ?? new Money(0)),
    ...extra,
  };
}

function finish(lines: BreakdownLine[]): Breakdown {
  return {
    lines,
    total: {
      aws: sumPresented(lines.map((l) => l.aws)),
      oneOff: sumPresented(lines.map((l) => l.oneOff)),
      legacyPaid: sumPresented(lines.map((l) => l.legacyPaid)),
      counterfactual: sumPresented(lines.map((l) => l.counterfactual)),
      saving: sumPresented(lines.map((l) => l.saving)),
      awsForecast: sumPresented(lines.map((l) => l.awsForecast)),
    },
  };
}

function extraKeys(a: KeyedAmounts, known: ReadonlySet<string>): string[] {
  const keys = new Set<string>();
  for (const m of [a.aws, a.oneOff, a.forecast, a.legacyPaid, a.counterfactual])
    for (const k of m.keys())
      if (k !== null && k !== SHARED_LEGACY && k !== CREDITS_KEY && !known.has(k)) keys.add(k);
  return [...keys].sort();
}

function hasKey(a: KeyedAmounts, key: string): boolean {
  return [a.aws, a.oneOff, a.forecast, a.legacyPaid, a.counterfactual].some((m) => m.has(key));
}

/** One line per plan application, then tag values not in the plan, then the untagged line. */
export function byApplication(model: EstateModel, a: KeyedAmounts): Breakdown {
  const { applications } = model.planned;
  const known = new Set(applications.map((x) => x.id));
  const lines = applications.map((app) => line(app.id, app.name, a));
  for (const k of extraKeys(a, known))
    lines.push(line(k, `Application tag not in the plan: "${k}"`, a, { unknownTag: true }));
  if (hasKey(a, CREDITS_KEY)) lines.push(line(CREDITS_KEY, CREDITS_LABEL, a));
  lines.push(line(SHARED_LEGACY, SHARED_LEGACY_LABEL, a, { shared: true }));
  lines.push(line(null, UNTAGGED_APPLICATION, a));
  return finish(lines);
}

/** One line per plan wave (in order), then tag values not in the plan, then the untagged line. */
export function byWave(model: EstateModel, a: KeyedAmounts): Breakdown {
  const { waves } = model.planned;
  const known = new Set(waves.map((w) => w.id));
  const lines = waves.map((w) =>
    line(w.id, w.name, a, { notes: `cut-over ${w.cutover}, decommission ${w.decommission}` }),
  );
  for (const k of extraKeys(a, known))
    lines.push(line(k, `Wave tag not in the plan: "${k}"`, a, { unknownTag: true }));
  if (hasKey(a, CREDITS_KEY)) lines.push(line(CREDITS_KEY, CREDITS_LABEL, a));
  lines.push(line(SHARED_LEGACY, SHARED_LEGACY_LABEL, a, { shared: true }));
  lines.push(line(null, UNTAGGED_WAVE, a));
  return finish(lines);
}

/** The top `count` services by spend, the rest folded into one "Other services" line. */
export function topServices(
  spend: ReadonlyMap<string, Money>,
  count: number,
): { lines: ServiceLine[]; total: string } {
  const sorted = [...spend.entries()].sort((x, y) => y[1].comparedTo(x[1]) || (x[0] < y[0] ? -1 : 1));
  const lines: ServiceLine[] = sorted.slice(0, count).map(([service, v]) => ({ service, aws: penny(v) }));
  const rest = sorted.slice(count);
  if (rest.length > 0) {
    lines.push({
      service: `Other services (${rest.length})`,
      aws: penny(rest.reduce((acc, [, v]) => acc.plus(v), new Money(0))),
    });
  }
  return { lines, total: sumPresented(lines.map((l) => l.aws)) };
}

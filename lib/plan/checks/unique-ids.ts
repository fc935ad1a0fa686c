/** Ids (and hostnames, case-insensitively) must be unique where they are referred to. */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import type { PlanFileKey } from '../files';
import { PLAN_FILES } from '../files';
import { formatPath } from '../private/path';

interface Entry {
  readonly file: PlanFileKey;
  readonly path: readonly (string | number)[];
  readonly value: string;
}

function duplicates(
  entries: readonly Entry[],
  what: string,
  key: (v: string) => string = (v) => v,
): RawProblem[] {
  const first = new Map<string, Entry>();
  const out: RawProblem[] = [];
  for (const e of entries) {
    const k = key(e.value);
    const seen = first.get(k);
    if (!seen) {
      first.set(k, e);
      continue;
    }
    const where =
      seen.file === e.file ? formatPath(seen.path) : `${PLAN_FILES[seen.file]} ${formatPath(seen.path)}`;
    out.push({
      file: e.file,
      path: e.path,
      message: `duplicate ${what}; already used by ${where}`,
      received: e.value,
    });
  }
  return out;
}

export const uniqueIds: PlanCheck = ({ estate, servers, databases, baseline }) => [
  ...duplicates(
    estate.applications.map((a, i) => ({ file: 'estate', path: ['applications', i, 'id'], value: a.id })),
    'application id',
  ),
  ...duplicates(
    estate.waves.map((w, i) => ({ file: 'estate', path: ['waves', i, 'id'], value: w.id })),
    'wave id',
  ),
  ...duplicates(
    estate.network.onPremisesRanges.map((r, i) => ({
      file: 'estate',
      path: ['network', 'onPremisesRanges', i, 'name'],
      value: r.name,
    })),
    'on-premises range name',
  ),
  // Servers and databases share one id space: dependsOn may name either.
  ...duplicates(
    [
      ...servers.servers.map((s, i): Entry => ({ file: 'servers', path: ['servers', i, 'id'], value: s.id })),
      ...databases.databases.map((d, i): Entry => ({
        file: 'databases',
        path: ['databases', i, 'id'],
        value: d.id,
      })),
    ],
    'server or database id',
  ),
  ...duplicates(
    servers.servers.map((s, i) => ({ file: 'servers', path: ['servers', i, 'hostname'], value: s.hostname })),
    'hostname (hostnames are compared ignoring case)',
    (v) => v.toLowerCase(),
  ),
  ...duplicates(
    baseline.monthlyCosts.map((c, i) => ({ file: 'baseline', path: ['monthlyCosts', i, 'id'], value: c.id })),
    'monthly cost id',
  ),
  ...duplicates(
    baseline.oneOffCosts.map((c, i) => ({ file: 'baseline', path: ['oneOffCosts', i, 'id'], value: c.id })),
    'one-off cost id',
  ),
  ...duplicates(
    baseline.exchangeRates.map((r, i) => ({
      file: 'baseline',
      path: ['exchangeRates', i, 'from'],
      value: r.from,
    })),
    'exchange rate month',
  ),
];

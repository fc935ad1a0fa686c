/**
 * Warns about servers and databases that get a landing zone while running software that leaves
 * support before the AWS agreement ends (software-lifecycle.json: the date and its public source).
 * Calendar-free: dates are compared with the plan's agreement end, never with today.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { LANDING_ZONE_STRATEGIES } from '../schema';
import { lifecycleOfDatabase, lifecycleOfServer, type LifecycleEntry } from '../software-lifecycle';

const landingZone = (strategy: string) => (LANDING_ZONE_STRATEGIES as readonly string[]).includes(strategy);

export const softwareLifecycle: PlanCheck = ({ estate, servers, databases }) => {
  const out: RawProblem[] = [];
  const agreementEnd = estate.estate.agreement.end;
  const message = (e: LifecycleEntry) =>
    `${e.product}: ${e.event} on ${e.date} (source: ${e.source}), before the AWS agreement ends (${agreementEnd}); plan the upgrade`;
  const applies = (e: LifecycleEntry) => e.date.slice(0, 7) <= agreementEnd;
  servers.servers.forEach((s, i) => {
    if (!landingZone(s.strategy)) return;
    for (const e of lifecycleOfServer(s).filter(applies)) {
      out.push({ file: 'servers', path: ['servers', i, 'os', 'version'], message: message(e) });
    }
  });
  databases.databases.forEach((d, i) => {
    if (!landingZone(d.strategy)) return;
    for (const e of lifecycleOfDatabase(d).filter(applies)) {
      out.push({ file: 'databases', path: ['databases', i, 'version'], message: message(e) });
    }
  });
  return out;
};

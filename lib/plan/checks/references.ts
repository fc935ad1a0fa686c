/** Every reference (wave, application, dependsOn, flow source, cost scope) names something that exists. */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import type { PlanFileKey } from '../files';
import { listAllowed, unknownMessage } from '../private/listing';

export const references: PlanCheck = ({ estate, servers, databases, baseline }) => {
  const out: RawProblem[] = [];
  const apps = estate.applications.map((a) => a.id);
  const waves = estate.waves.map((w) => w.id);
  const ranges = estate.network.onPremisesRanges.map((r) => r.name);
  const items = [...servers.servers.map((s) => s.id), ...databases.databases.map((d) => d.id)];
  const ref = (
    file: PlanFileKey,
    path: (string | number)[],
    what: string,
    value: string,
    known: readonly string[],
  ): void => {
    if (known.includes(value)) return;
    out.push({
      file,
      path,
      message: unknownMessage(what, value, known),
      received: value,
      allowed: listAllowed(known),
    });
  };

  servers.servers.forEach((s, i) => {
    ref('servers', ['servers', i, 'application'], 'application', s.application, apps);
    ref('servers', ['servers', i, 'wave'], 'wave', s.wave, waves);
    s.dependsOn.forEach((d, j) =>
      ref('servers', ['servers', i, 'dependsOn', j], 'server or database', d, items),
    );
    s.inboundFlows.forEach((f, j) => {
      if ('application' in f.from)
        ref(
          'servers',
          ['servers', i, 'inboundFlows', j, 'from', 'application'],
          'application',
          f.from.application,
          apps,
        );
      if ('onPremises' in f.from)
        ref(
          'servers',
          ['servers', i, 'inboundFlows', j, 'from', 'onPremises'],
          'on-premises range',
          f.from.onPremises,
          ranges,
        );
    });
    s.outboundFlows.forEach((f, j) => {
      if ('onPremises' in f.to)
        ref(
          'servers',
          ['servers', i, 'outboundFlows', j, 'to', 'onPremises'],
          'on-premises range',
          f.to.onPremises,
          ranges,
        );
    });
  });
  databases.databases.forEach((d, i) => {
    ref('databases', ['databases', i, 'application'], 'application', d.application, apps);
    ref('databases', ['databases', i, 'wave'], 'wave', d.wave, waves);
    d.dependsOn.forEach((x, j) =>
      ref('databases', ['databases', i, 'dependsOn', j], 'server or database', x, items),
    );
  });
  baseline.monthlyCosts.forEach((c, i) => {
    const scope = c.appliesTo;
    if ('applications' in scope)
      scope.applications.forEach((a, j) =>
        ref('baseline', ['monthlyCosts', i, 'appliesTo', 'applications', j], 'application', a, apps),
      );
    if ('waves' in scope)
      scope.waves.forEach((w, j) =>
        ref('baseline', ['monthlyCosts', i, 'appliesTo', 'waves', j], 'wave', w, waves),
      );
  });
  baseline.oneOffCosts.forEach((c, i) => {
    if (c.wave !== undefined) ref('baseline', ['oneOffCosts', i, 'wave'], 'wave', c.wave, waves);
    if (c.application !== undefined)
      ref('baseline', ['oneOffCosts', i, 'application'], 'application', c.application, apps);
  });
  return out;
};

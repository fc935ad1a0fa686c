/** Nothing migrates in an earlier wave than something it depends on. */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { dependencyGraph } from '../private/dependency-graph';

export const waveDependencies: PlanCheck = (files) => {
  const order = new Map(files.estate.waves.map((w) => [w.id, w.order]));
  const graph = dependencyGraph(files);
  const out: RawProblem[] = [];
  const check = (
    file: 'servers' | 'databases',
    index: number,
    id: string,
    wave: string,
    dependsOn: readonly string[],
  ): void => {
    const mine = order.get(wave);
    if (mine === undefined) return;
    dependsOn.forEach((depId, j) => {
      const dep = graph.get(depId);
      const theirs = dep ? order.get(dep.wave) : undefined;
      if (!dep || theirs === undefined || theirs <= mine) return;
      out.push({
        file,
        path: [file, index, 'dependsOn', j],
        message: `"${id}" is in wave ${wave} (order ${mine}) but depends on ${dep.kind} "${depId}" in the later wave ${dep.wave} (order ${theirs})`,
        allowed: `a dependency in wave order <= ${mine}`,
      });
    });
  };
  files.servers.servers.forEach((s, i) => check('servers', i, s.id, s.wave, s.dependsOn));
  files.databases.databases.forEach((d, i) => check('databases', i, d.id, d.wave, d.dependsOn));
  return out;
};

/** The servers-and-databases dependency graph, keyed by id, with where each item is written. */
import type { ParsedFiles } from '../parsed-files';
import type { PlanFileKey } from '../files';

export interface GraphNode {
  readonly id: string;
  readonly wave: string;
  readonly dependsOn: readonly string[];
  readonly file: PlanFileKey;
  /** Path of the item, e.g. `['servers', 3]`. */
  readonly path: readonly (string | number)[];
  readonly kind: 'server' | 'database';
}

/** Nodes in file order; with duplicate ids, the first one wins (duplicates are reported elsewhere). */
export function dependencyGraph({ servers, databases }: ParsedFiles): Map<string, GraphNode> {
  const nodes = new Map<string, GraphNode>();
  const add = (n: GraphNode): void => {
    if (!nodes.has(n.id)) nodes.set(n.id, n);
  };
  servers.servers.forEach((s, i) =>
    add({
      id: s.id,
      wave: s.wave,
      dependsOn: s.dependsOn,
      file: 'servers',
      path: ['servers', i],
      kind: 'server',
    }),
  );
  databases.databases.forEach((d, i) =>
    add({
      id: d.id,
      wave: d.wave,
      dependsOn: d.dependsOn,
      file: 'databases',
      path: ['databases', i],
      kind: 'database',
    }),
  );
  return nodes;
}

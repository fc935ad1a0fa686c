/** dependsOn must not form a cycle: each cycle is named once, in order. */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { dependencyGraph } from '../private/dependency-graph';

export const dependencyCycles: PlanCheck = (files) => {
  const graph = dependencyGraph(files);
  const state = new Map<string, 'active' | 'done'>();
  const stack: string[] = [];
  const out: RawProblem[] = [];

  const visit = (id: string): void => {
    state.set(id, 'active');
    stack.push(id);
    const node = graph.get(id);
    for (const dep of node?.dependsOn ?? []) {
      if (!graph.has(dep)) continue; // unknown ids are reported by the references check
      const s = state.get(dep);
      if (s === 'active') {
        const cycle = [...stack.slice(stack.indexOf(dep)), dep];
        const head = graph.get(dep);
        if (head) {
          out.push({
            file: head.file,
            path: [...head.path, 'dependsOn'],
            message: `dependency cycle: ${cycle.join(' -> ')}`,
          });
        }
      } else if (s === undefined) {
        visit(dep);
      }
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of graph.keys()) if (!state.has(id)) visit(id);
  return out;
};

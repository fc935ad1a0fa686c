/** dependsOn must not form a cycle: each cycle found is named in order. */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { dependencyGraph } from '../private/dependency-graph';

export const dependencyCycles: PlanCheck = (files) => {
  const graph = dependencyGraph(files);
  const state = new Map<string, 'active' | 'done'>();
  const out: RawProblem[] = [];

  // Iterative depth-first search (no recursion, so any chain length is fine).
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const deps = graph.get(frame.id)?.dependsOn ?? [];
      if (frame.next >= deps.length) {
        state.set(frame.id, 'done');
        stack.pop();
        continue;
      }
      const dep = deps[frame.next++]!;
      if (!graph.has(dep)) continue; // unknown ids are reported by the references check
      const s = state.get(dep);
      if (s === 'active') {
        const ids = stack.map((f) => f.id);
        const cycle = [...ids.slice(ids.indexOf(dep)), dep];
        const head = graph.get(dep)!;
        out.push({
          file: head.file,
          path: [...head.path, 'dependsOn'],
          message: `dependency cycle: ${shorten(cycle).join(' -> ')}`,
        });
      } else if (s === undefined) {
        state.set(dep, 'active');
        stack.push({ id: dep, next: 0 });
      }
    }
  }
  return out;
};

/** A cycle of more than 12 steps shows its first 6 and last 4 ids. */
function shorten(cycle: readonly string[]): string[] {
  if (cycle.length <= 12) return [...cycle];
  return [...cycle.slice(0, 6), `... (${cycle.length - 10} more)`, ...cycle.slice(-4)];
}

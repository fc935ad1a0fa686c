/**
 * The order items leave AWS: the last wave in leaves first; within a wave, an item leaves before
 * the items it depends on (a database leaves after the servers that use it). Ties by id.
 */
import type { ExitItem } from './exit-item';

export function orderForExit(items: readonly ExitItem[]): ExitItem[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  // pending[x] = items in x's wave that depend on x and have not left yet (they leave before x).
  const pending = new Map<string, number>();
  for (const item of items) {
    pending.set(item.id, pending.get(item.id) ?? 0);
    for (const dep of item.dependsOn) {
      const target = byId.get(dep);
      if (!target || target.wave !== item.wave) continue;
      pending.set(dep, (pending.get(dep) ?? 0) + 1);
    }
  }
  const rank = (i: ExitItem) => [-i.waveOrder, i.id] as const;
  const compare = (x: ExitItem, y: ExitItem) => {
    const [wx, ix] = rank(x);
    const [wy, iy] = rank(y);
    return wx !== wy ? wx - wy : ix.localeCompare(iy);
  };
  const out: ExitItem[] = [];
  const done = new Set<string>();
  const ready = items.filter((i) => pending.get(i.id) === 0).sort(compare);
  while (ready.length > 0) {
    const next = ready.shift()!;
    out.push(next);
    done.add(next.id);
    for (const dep of next.dependsOn) {
      if (!pending.has(dep) || byId.get(dep)?.wave !== next.wave) continue;
      const left = pending.get(dep)! - 1;
      pending.set(dep, left);
      if (left === 0) {
        ready.push(byId.get(dep)!);
        ready.sort(compare);
      }
    }
  }
  // A dependency cycle (the plan checks forbid it) would leave items out: append them in rank order.
  return [...out, ...items.filter((i) => !done.has(i.id)).sort(compare)];
}

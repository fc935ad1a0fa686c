/**
 * A stable, platform-independent hash (FNV-1a, 32-bit) of an id. Placement and stack assignment use
 * it so that where a server lands depends only on its own id, never on list positions.
 */
export function stableHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** Picks one of `count` slots for an id, stably. */
export function stableSlot(id: string, count: number): number {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`stableSlot needs a positive slot count, got ${count}`);
  return stableHash(id) % count;
}

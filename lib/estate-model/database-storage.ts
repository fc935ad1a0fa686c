/**
 * RDS storage a database is given: decided once here, built by lib/database and priced by the
 * estimate (which used to price the raw on-premises size).
 */

export interface StorageDecision {
  /** `AllocatedStorage`: the on-premises size plus 20 % headroom, at least 20 GiB. */
  readonly allocatedGiB: number;
  /** `MaxAllocatedStorage`: the storage-autoscaling ceiling. */
  readonly maxAllocatedGiB: number;
  readonly reason: string;
}

/**
 * Allocated storage: the on-premises size plus 20% headroom, at least 20 GiB (RDS minimum for gp3).
 * The autoscaling ceiling is three times that, capped at the engine maximum.
 * @throws Error when the allocation exceeds the engine's maximum (a landing-zone plan problem)
 */
export function storageFor(
  sizeGiB: number,
  engine: string,
): { allocatedGiB: number; maxAllocatedGiB: number } {
  const engineMax = engine === 'sqlserver' ? 16384 : 65536;
  const allocatedGiB = Math.max(20, Math.ceil(sizeGiB * 1.2));
  if (allocatedGiB > engineMax) {
    throw new Error(
      `Database of ${sizeGiB} GiB exceeds the RDS ${engine} storage maximum of ${engineMax} GiB`,
    );
  }
  return { allocatedGiB, maxAllocatedGiB: Math.min(engineMax, allocatedGiB * 3) };
}

/** The storage decision, with its reason; throws as `storageFor` does. */
export function storageDecisionFor(sizeGiB: number, engine: string): StorageDecision {
  const storage = storageFor(sizeGiB, engine);
  return {
    ...storage,
    reason: `${sizeGiB} GiB on premises + 20 % headroom (at least 20 GiB): ${storage.allocatedGiB} GiB allocated, autoscaling to ${storage.maxAllocatedGiB} GiB`,
  };
}

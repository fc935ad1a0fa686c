/** `wave-1` -> `Wave1`: construct ids from plan ids, never from list positions. */
export function idFor(planId: string): string {
  return planId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

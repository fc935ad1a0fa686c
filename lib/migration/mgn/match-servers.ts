/** Matches plan servers to MGN source servers by hostname (case-insensitive, first DNS label). */
import type { PlanServer } from '../../plan/plan';
import type { MgnSourceServer } from './snapshot';

export interface ServerMatch {
  readonly matched: readonly { readonly server: PlanServer; readonly source: MgnSourceServer }[];
  /** Plan servers with no source server (agent not installed yet, or a different hostname). */
  readonly planOnly: readonly PlanServer[];
  /** Source servers no plan server names (only those not archived). */
  readonly mgnOnly: readonly MgnSourceServer[];
  /** Hostnames more than one live source server reports: not configured until resolved. */
  readonly ambiguous: readonly PlanServer[];
}

export function hostKey(hostname: string): string {
  return hostname.split('.')[0]!.toLowerCase();
}

export function matchServers(
  servers: readonly PlanServer[],
  sources: readonly MgnSourceServer[],
): ServerMatch {
  const live = sources.filter((s) => !s.isArchived && s.hostname);
  const byHost = new Map<string, MgnSourceServer[]>();
  for (const s of live) {
    const key = hostKey(s.hostname!);
    byHost.set(key, [...(byHost.get(key) ?? []), s]);
  }
  const matched: { server: PlanServer; source: MgnSourceServer }[] = [];
  const planOnly: PlanServer[] = [];
  const ambiguous: PlanServer[] = [];
  const used = new Set<string>();
  for (const server of servers) {
    const found = byHost.get(hostKey(server.hostname)) ?? [];
    if (found.length === 1) {
      matched.push({ server, source: found[0]! });
      used.add(found[0]!.sourceServerID);
    } else if (found.length === 0) planOnly.push(server);
    else {
      ambiguous.push(server);
      for (const f of found) used.add(f.sourceServerID);
    }
  }
  return { matched, planOnly, ambiguous, mgnOnly: live.filter((s) => !used.has(s.sourceServerID)) };
}

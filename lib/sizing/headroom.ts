/**
 * How much is needed on AWS from what was measured on-premises. With p95 utilisation the need is
 * the measured peak plus headroom; without it, the on-premises allocation is kept as it is.
 */
import type { PlanServer } from '../plan/plan';
import type { SizingNeed } from './sizing-decision';

/** Headroom added on top of p95 utilisation, in percent. */
export const HEADROOM_PERCENT = 30;

/** Rounds up to one decimal place, ignoring binary floating-point noise below 1e-9. */
export function ceilTenth(x: number): number {
  const tenths = x * 10;
  const nearest = Math.round(tenths);
  return (Math.abs(tenths - nearest) < 1e-9 ? nearest : Math.ceil(tenths)) / 10;
}

export interface ServerNeed extends SizingNeed {
  /** Sustained p95 CPU in vCPUs without headroom; undefined without utilisation data. */
  readonly p95Vcpu?: number;
  /** How the need was worked out, for the reason line. */
  readonly explanation: string;
}

/** Plan figures as written (up to 3 decimals); needs are already rounded to tenths. */
function fmt(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/** What a server needs on AWS, with the one-line explanation used in sizing reasons. */
export function serverNeed(server: Pick<PlanServer, 'vcpu' | 'memoryGiB' | 'utilisation'>): ServerNeed {
  const u = server.utilisation;
  if (!u) {
    return {
      vcpu: server.vcpu,
      memoryGiB: server.memoryGiB,
      explanation: `no utilisation data: keeping the on-premises ${fmt(server.vcpu)} vCPU / ${fmt(server.memoryGiB)} GiB`,
    };
  }
  const factor = (100 + HEADROOM_PERCENT) / 100;
  const p95Vcpu = (server.vcpu * u.cpuP95Percent) / 100;
  const vcpu = Math.max(0.1, ceilTenth(p95Vcpu * factor));
  const memoryGiB = Math.max(0.5, ceilTenth(((server.memoryGiB * u.memoryP95Percent) / 100) * factor));
  return {
    vcpu,
    memoryGiB,
    p95Vcpu,
    explanation:
      `p95 CPU ${fmt(u.cpuP95Percent)}% of ${fmt(server.vcpu)} vCPU -> ${fmt(vcpu)} vCPU needed with ${HEADROOM_PERCENT}% headroom; ` +
      `p95 memory ${fmt(u.memoryP95Percent)}% of ${fmt(server.memoryGiB)} GiB -> ${fmt(memoryGiB)} GiB needed`,
  };
}

/**
 * Checks a plan against what the landing zones can build, before any construct is created, and
 * reports every problem at once in the plan's own problem format (file, path, message): licences,
 * images, disks, flows open to the internet, database engines/versions/licences and sizes, and the
 * backup schedules against the vault lock. lib/app's `buildEstateApp` throws them as one PlanError.
 * It reads the plan's item entries and backup section (a plan check runs before any model is built).
 */
import { scheduleProblems, TIER_SCHEDULES } from '../backup/tier-schedules';
import { engineProfileFor } from '../database/engine';
import { storageFor } from '../database/tier-settings';
import type { PlanProblem } from '../plan/errors';
import type { DeepReadonly, PlanDatabase, PlanServer } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';
import type { BackupPolicy } from '../plan/schema';
import { licensingProblem } from '../estate-model/licensing';

/** Data disks that can be attached at launch besides the root volume (xvdb..xvdz). */
const MAX_DISKS = 26;

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** What the check reads: the plan's servers, databases and backup section. */
export interface LandingZoneCheckInput {
  readonly servers: readonly PlanServer[];
  readonly databases: readonly PlanDatabase[];
  readonly backup: Pick<DeepReadonly<BackupPolicy>, 'vaultLock'>;
}

export function landingZoneProblems(plan: LandingZoneCheckInput): PlanProblem[] {
  const problems: PlanProblem[] = [];
  plan.servers.forEach((server, i) => {
    if (!getsLandingZone(server)) return;
    const path = `servers[${i}]`;
    const licence = licensingProblem(server);
    if (licence) problems.push({ file: 'servers.yaml', path: `${path}.licence`, message: licence });
    if (server.disks.length > MAX_DISKS) {
      problems.push({
        file: 'servers.yaml',
        path: `${path}.disks`,
        message: `server "${server.id}" has ${server.disks.length} disks; at most ${MAX_DISKS} can be attached at launch`,
      });
    }
    server.inboundFlows.forEach((flow, j) => {
      if ('cidr' in flow.from && flow.from.cidr.endsWith('/0')) {
        problems.push({
          file: 'servers.yaml',
          path: `${path}.inboundFlows[${j}].from.cidr`,
          message: 'would open the server to the whole internet; name the source range instead',
          received: JSON.stringify(flow.from.cidr),
        });
      }
    });
  });
  plan.databases.forEach((db, i) => {
    if (!getsLandingZone(db)) return;
    const path = `databases[${i}]`;
    // High availability against tier and edition is the estate model's check (estateModelProblems).
    try {
      engineProfileFor(db);
    } catch (e) {
      problems.push({ file: 'databases.yaml', path, message: messageOf(e) });
    }
    try {
      storageFor(db.sizeGiB, db.engine);
    } catch (e) {
      problems.push({ file: 'databases.yaml', path: `${path}.sizeGiB`, message: messageOf(e) });
    }
  });
  for (const message of scheduleProblems(TIER_SCHEDULES, plan.backup.vaultLock)) {
    problems.push({ file: 'estate.yaml', path: 'backup.vaultLock', message });
  }
  return problems;
}

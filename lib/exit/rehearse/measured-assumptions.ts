/**
 * The exit plan's assumptions with the figures a rehearsal measured in place of the working
 * assumptions: the staging copy and image export throughputs and the fixed time per item. The
 * runbook says where each figure came from.
 */
import type { ExitAssumptions } from '../assumptions';
import type { RehearsalReport } from './rehearsal-report';

export function measuredAssumptions(base: ExitAssumptions, report: RehearsalReport): ExitAssumptions {
  const m = report.measured;
  const t = base.throughputGiBPerHour;
  const source = `rehearsal of ${report.wave} (${report.estate}) finished ${report.finishedAt}`;
  return {
    ...base,
    throughputGiBPerHour: {
      ...t,
      stagingCopy: m.stagingCopyGiBPerHour ?? t.stagingCopy,
      imageExport: m.imageExportGiBPerHour ?? t.imageExport,
    },
    fixedHoursPerItem: m.fixedHoursPerItem ?? base.fixedHoursPerItem,
    measured: [
      `Measured in the ${source}: ` +
        [
          m.stagingCopyGiBPerHour !== undefined
            ? `staging copy ${m.stagingCopyGiBPerHour} GiB/hour`
            : undefined,
          m.imageExportGiBPerHour !== undefined
            ? `image export ${m.imageExportGiBPerHour} GiB/hour`
            : undefined,
          m.fixedHoursPerItem !== undefined ? `${m.fixedHoursPerItem} h fixed per server` : undefined,
          m.costUsdPerGiB !== undefined ? `staging and export cost $${m.costUsdPerGiB}/GiB` : undefined,
        ]
          .filter((x) => x !== undefined)
          .join(', ') +
        `; the whole estate extrapolated: ${report.extrapolation.taskHours ?? '?'} task-hours, about ${report.extrapolation.elapsedHours ?? '?'} hours elapsed, $${report.extrapolation.costUsd ?? '?'}.`,
    ],
  };
}

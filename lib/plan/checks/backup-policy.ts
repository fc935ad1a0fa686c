/** The vault lock's minimum retention is not above its maximum. */
import type { PlanCheck } from './check';

export const backupPolicy: PlanCheck = ({ estate }) => {
  const lock = estate.backup.vaultLock;
  if (lock.minRetentionDays <= lock.maxRetentionDays) return [];
  return [
    {
      file: 'estate',
      path: ['backup', 'vaultLock', 'minRetentionDays'],
      message: `must not be above maxRetentionDays (${lock.maxRetentionDays})`,
      received: lock.minRetentionDays,
      allowed: `<= ${lock.maxRetentionDays}`,
    },
  ];
};

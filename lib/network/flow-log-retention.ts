import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** Retention periods CloudWatch Logs accepts, in days. */
export const ALLOWED_RETENTION_DAYS: readonly number[] = Object.values(RetentionDays)
  .filter((v): v is number => typeof v === 'number' && v !== RetentionDays.INFINITE)
  .sort((a, b) => a - b);

/** The CloudWatch Logs retention for a number of days from the plan; throws if CloudWatch has no such period. */
export function retentionDaysFor(days: number): RetentionDays {
  if (!ALLOWED_RETENTION_DAYS.includes(days)) {
    throw new Error(
      `network.flowLogRetentionDays: CloudWatch Logs cannot keep logs for ${days} days; ` +
        `allowed values are ${ALLOWED_RETENTION_DAYS.join(', ')}`,
    );
  }
  return days as RetentionDays;
}

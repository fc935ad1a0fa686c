/**
 * Reads alarm states (CloudWatch DescribeAlarms) and patch states (Systems Manager
 * DescribeInstancePatchStatesForPatchGroup) through the clients passed in; pages until done.
 * Limits from the API references: DescribeAlarms returns at most 100 records a page
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html);
 * DescribeInstancePatchStatesForPatchGroup at most 100
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstancePatchStatesForPatchGroup.html).
 */
import { DescribeAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancePatchStatesForPatchGroupCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { ReportedAlarm, ReportedPatchState } from './ops-status';

/** Every metric and composite alarm whose name starts with `prefix`. */
export async function readAlarms(client: CloudWatchClient, prefix: string): Promise<ReportedAlarm[]> {
  const out: ReportedAlarm[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new DescribeAlarmsCommand({
        AlarmNamePrefix: prefix,
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        MaxRecords: 100,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    for (const a of page.MetricAlarms ?? []) {
      const instanceId = a.Dimensions?.find((d) => d.Name === 'InstanceId')?.Value;
      out.push({
        name: a.AlarmName ?? '',
        state: a.StateValue ?? 'INSUFFICIENT_DATA',
        ...(instanceId ? { instanceId } : {}),
      });
    }
    for (const a of page.CompositeAlarms ?? [])
      out.push({ name: a.AlarmName ?? '', state: a.StateValue ?? 'INSUFFICIENT_DATA' });
    nextToken = page.NextToken;
  } while (nextToken);
  return out;
}

/** The patch state of every instance in these patch groups. */
export async function readPatchStates(
  client: SSMClient,
  patchGroups: readonly string[],
): Promise<ReportedPatchState[]> {
  const out: ReportedPatchState[] = [];
  for (const patchGroup of patchGroups) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeInstancePatchStatesForPatchGroupCommand({
          PatchGroup: patchGroup,
          MaxResults: 100,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      );
      for (const s of page.InstancePatchStates ?? []) {
        out.push({
          instanceId: s.InstanceId ?? '',
          patchGroup,
          missing: s.MissingCount ?? 0,
          failed: s.FailedCount ?? 0,
          installedPendingReboot: s.InstalledPendingRebootCount ?? 0,
          ...(s.OperationEndTime ? { operationEnd: s.OperationEndTime.toISOString() } : {}),
        });
      }
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return out;
}

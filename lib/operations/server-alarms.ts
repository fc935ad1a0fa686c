import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { Tier } from '../plan/schema';
import { serverAlarmName, type ServerAlarmKind } from './alarm-names';
import {
  agentNamespace,
  LINUX_DISK_USED_METRIC,
  MEMORY_USED_METRIC,
  WINDOWS_DISK_FREE_METRIC,
} from './agent-metrics';
import { ALARM_PERIOD_SECONDS, TIER_THRESHOLDS } from './thresholds';

/** Properties of {@link ServerAlarms}. */
export interface ServerAlarmsProps {
  readonly estateId: string;
  readonly serverId: string;
  /** The EC2 instance id (a token for instances this stack builds; a literal for adopted MGN servers). */
  readonly instanceId: string;
  readonly os: 'windows' | 'linux';
  /** The application's tier: its thresholds (thresholds.ts). */
  readonly tier: Tier;
  /** The application's alerts topic. */
  readonly topicArn: string;
}

/**
 * A server's CPU, memory and disk alarms, each telling the application's topic when it fires and
 * when it clears. CPU is EC2's own metric; memory and disk come from the CloudWatch agent (its
 * configuration is applied by the Operations stack's association, by tag). L1 alarms: three
 * resources per server, nothing else.
 */
export class ServerAlarms extends Construct {
  readonly alarms: Readonly<Record<ServerAlarmKind, cloudwatch.CfnAlarm>>;

  constructor(scope: Construct, id: string, props: ServerAlarmsProps) {
    super(scope, id);
    const t = TIER_THRESHOLDS[props.tier];
    const common = {
      dimensions: [{ name: 'InstanceId', value: props.instanceId }],
      period: ALARM_PERIOD_SECONDS,
      evaluationPeriods: t.periods,
      treatMissingData: 'missing',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    };
    const name = (kind: ServerAlarmKind) => serverAlarmName(props.estateId, props.serverId, kind);
    const minutes = (t.periods * ALARM_PERIOD_SECONDS) / 60;
    const namespace = agentNamespace(props.estateId);
    const windows = props.os === 'windows';
    this.alarms = {
      cpu: new cloudwatch.CfnAlarm(this, 'Cpu', {
        ...common,
        alarmName: name('cpu'),
        alarmDescription: `${props.serverId}: CPU above ${t.cpuPercent}% for ${minutes} minutes (${props.tier} tier)`,
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        threshold: t.cpuPercent,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      memory: new cloudwatch.CfnAlarm(this, 'Memory', {
        ...common,
        alarmName: name('memory'),
        alarmDescription: `${props.serverId}: memory in use above ${t.memoryUsedPercent}% for ${minutes} minutes (${props.tier} tier; CloudWatch agent)`,
        namespace,
        metricName: MEMORY_USED_METRIC,
        statistic: 'Average',
        threshold: t.memoryUsedPercent,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      disk: new cloudwatch.CfnAlarm(this, 'Disk', {
        ...common,
        alarmName: name('disk'),
        alarmDescription: `${props.serverId}: a volume has less than ${t.diskFreePercent}% free space for ${minutes} minutes (${props.tier} tier; CloudWatch agent, fullest volume)`,
        namespace,
        ...(windows
          ? {
              metricName: WINDOWS_DISK_FREE_METRIC,
              statistic: 'Minimum',
              threshold: t.diskFreePercent,
              comparisonOperator: 'LessThanThreshold',
            }
          : {
              metricName: LINUX_DISK_USED_METRIC,
              statistic: 'Maximum',
              threshold: 100 - t.diskFreePercent,
              comparisonOperator: 'GreaterThanThreshold',
            }),
      }),
    };
  }
}

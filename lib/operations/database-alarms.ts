import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { Tier } from '../plan/schema';
import { databaseAlarmName, type DatabaseAlarmKind } from './alarm-names';
import { defaultMaxConnections } from './connection-limits';
import { ALARM_PERIOD_SECONDS, TIER_THRESHOLDS } from './thresholds';

const GIB = 1024 ** 3;

/** Properties of {@link DatabaseAlarms}. */
export interface DatabaseAlarmsProps {
  readonly estateId: string;
  readonly databaseId: string;
  /** The RDS instance identifier (`instanceIdentifierFor`). */
  readonly instanceIdentifier: string;
  readonly engine: string;
  /** Memory of the instance class, GiB (lib/sizing's RDS catalogue). */
  readonly memoryGiB: number;
  /** Allocated storage, GiB. */
  readonly allocatedStorageGiB: number;
  readonly tier: Tier;
  readonly topicArn: string;
  /**
   * Identifier of a read replica, whose `ReplicaLag` gets an alarm.
   * @default - none: the estate's databases are Multi-AZ instances, whose standby is not a replica
   */
  readonly replicaIdentifier?: string;
}

/**
 * A database's CPU, free storage, freeable memory and connection alarms (RDS metrics,
 * `DBInstanceIdentifier` dimension), each telling the application's topic. Storage and memory
 * thresholds are the tier's percentage of the allocated storage and of the class's memory.
 */
export class DatabaseAlarms extends Construct {
  readonly alarms: Readonly<Partial<Record<DatabaseAlarmKind | 'replica-lag', cloudwatch.CfnAlarm>>>;

  constructor(scope: Construct, id: string, props: DatabaseAlarmsProps) {
    super(scope, id);
    const t = TIER_THRESHOLDS[props.tier];
    const minutes = (t.periods * ALARM_PERIOD_SECONDS) / 60;
    const common = (identifier: string) => ({
      namespace: 'AWS/RDS',
      dimensions: [{ name: 'DBInstanceIdentifier', value: identifier }],
      period: ALARM_PERIOD_SECONDS,
      evaluationPeriods: t.periods,
      treatMissingData: 'missing',
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
    const name = (kind: DatabaseAlarmKind) => databaseAlarmName(props.estateId, props.databaseId, kind);
    const freeStorageBytes = Math.round(
      (props.allocatedStorageGiB * GIB * t.databaseFreeStoragePercent) / 100,
    );
    const freeMemoryBytes = Math.round((props.memoryGiB * GIB * t.databaseFreeableMemoryPercent) / 100);
    const maxConnections = defaultMaxConnections(props.engine, props.memoryGiB);
    const connections = Math.floor((maxConnections * t.databaseConnectionsPercent) / 100);
    const db = props.databaseId;
    const alarms: Partial<Record<DatabaseAlarmKind | 'replica-lag', cloudwatch.CfnAlarm>> = {
      cpu: new cloudwatch.CfnAlarm(this, 'Cpu', {
        ...common(props.instanceIdentifier),
        alarmName: name('cpu'),
        alarmDescription: `${db}: CPU above ${t.cpuPercent}% for ${minutes} minutes (${props.tier} tier)`,
        metricName: 'CPUUtilization',
        statistic: 'Average',
        threshold: t.cpuPercent,
        comparisonOperator: 'GreaterThanThreshold',
      }),
      storage: new cloudwatch.CfnAlarm(this, 'Storage', {
        ...common(props.instanceIdentifier),
        alarmName: name('storage'),
        alarmDescription: `${db}: free storage below ${t.databaseFreeStoragePercent}% of ${props.allocatedStorageGiB} GiB allocated (${props.tier} tier)`,
        metricName: 'FreeStorageSpace',
        statistic: 'Minimum',
        threshold: freeStorageBytes,
        comparisonOperator: 'LessThanThreshold',
      }),
      memory: new cloudwatch.CfnAlarm(this, 'Memory', {
        ...common(props.instanceIdentifier),
        alarmName: name('memory'),
        alarmDescription: `${db}: freeable memory below ${t.databaseFreeableMemoryPercent}% of ${props.memoryGiB} GiB for ${minutes} minutes (${props.tier} tier)`,
        metricName: 'FreeableMemory',
        statistic: 'Minimum',
        threshold: freeMemoryBytes,
        comparisonOperator: 'LessThanThreshold',
      }),
      connections: new cloudwatch.CfnAlarm(this, 'Connections', {
        ...common(props.instanceIdentifier),
        alarmName: name('connections'),
        alarmDescription: `${db}: more than ${connections} connections (${t.databaseConnectionsPercent}% of the ${props.engine} default limit ${maxConnections}) for ${minutes} minutes`,
        metricName: 'DatabaseConnections',
        statistic: 'Maximum',
        threshold: connections,
        comparisonOperator: 'GreaterThanThreshold',
      }),
    };
    if (props.replicaIdentifier) {
      alarms['replica-lag'] = new cloudwatch.CfnAlarm(this, 'ReplicaLag', {
        ...common(props.replicaIdentifier),
        alarmName: `${props.estateId}-database-${db}-replica-lag`,
        alarmDescription: `${db}: read replica ${props.replicaIdentifier} more than 300 seconds behind`,
        metricName: 'ReplicaLag',
        statistic: 'Maximum',
        threshold: 300,
        comparisonOperator: 'GreaterThanThreshold',
      });
    }
    this.alarms = alarms;
  }
}

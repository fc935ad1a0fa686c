import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

/** Properties of {@link StatusCheckRecovery}. */
export interface StatusCheckRecoveryProps {
  readonly instanceId: string;
  /** Shown in the alarm description. */
  readonly serverId: string;
  /**
   * Instances on a Dedicated Host cannot use the recover action: Dedicated Host auto recovery moves
   * them with their host on system failures, so their alarm watches the instance status check and
   * reboots the instance instead.
   * @default 'default'
   */
  readonly tenancy?: 'default' | 'host';
}

/**
 * Alarm on the EC2 system status check that recovers the instance onto healthy hardware
 * (`arn:aws:automate:<region>:ec2:recover`). One-minute periods need detailed monitoring.
 * For Dedicated Host tenancy (where the recover action is not supported) it watches the instance
 * status check and reboots (`...:ec2:reboot`); host auto recovery covers system failures.
 */
export class StatusCheckRecovery extends Construct {
  readonly alarm: cloudwatch.CfnAlarm;

  constructor(scope: Construct, id: string, props: StatusCheckRecoveryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const host = props.tenancy === 'host';
    this.alarm = new cloudwatch.CfnAlarm(this, 'Alarm', {
      alarmDescription: host
        ? `Reboot ${props.serverId} when the EC2 instance status check fails for 2 minutes (its Dedicated Host recovers system failures)`
        : `Recover ${props.serverId} when the EC2 system status check fails for 2 minutes`,
      namespace: 'AWS/EC2',
      metricName: host ? 'StatusCheckFailed_Instance' : 'StatusCheckFailed_System',
      dimensions: [{ name: 'InstanceId', value: props.instanceId }],
      statistic: 'Maximum',
      period: Duration.minutes(1).toSeconds(),
      evaluationPeriods: 2,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'missing',
      alarmActions: [`arn:${stack.partition}:automate:${stack.region}:ec2:${host ? 'reboot' : 'recover'}`],
    });
  }
}

import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

/** Properties of {@link StatusCheckRecovery}. */
export interface StatusCheckRecoveryProps {
  readonly instanceId: string;
  /** Shown in the alarm description. */
  readonly serverId: string;
}

/**
 * Alarm on the EC2 system status check that recovers the instance onto healthy hardware
 * (`arn:aws:automate:<region>:ec2:recover`). One-minute periods need detailed monitoring.
 */
export class StatusCheckRecovery extends Construct {
  readonly alarm: cloudwatch.CfnAlarm;

  constructor(scope: Construct, id: string, props: StatusCheckRecoveryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.alarm = new cloudwatch.CfnAlarm(this, 'Alarm', {
      alarmDescription: `Recover ${props.serverId} when the EC2 system status check fails for 2 minutes`,
      namespace: 'AWS/EC2',
      metricName: 'StatusCheckFailed_System',
      dimensions: [{ name: 'InstanceId', value: props.instanceId }],
      statistic: 'Maximum',
      period: Duration.minutes(1).toSeconds(),
      evaluationPeriods: 2,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      treatMissingData: 'missing',
      alarmActions: [`arn:${stack.partition}:automate:${stack.region}:ec2:recover`],
    });
  }
}

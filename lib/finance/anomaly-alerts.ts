import * as ce from 'aws-cdk-lib/aws-ce';
import { Construct } from 'constructs';

/** Properties of {@link AnomalyAlerts}. */
export interface AnomalyAlertsProps {
  readonly estateId: string;
  /** The estate's cost-allocation tag and value the monitor watches (`Estate` = estate id). */
  readonly tagKey: string;
  readonly tagValue: string;
  /** Total impact in USD at which finance is told. */
  readonly thresholdUsd: number;
  readonly emails: readonly string[];
}

/**
 * Cost Anomaly Detection on the estate's cost-allocation tag, with a daily e-mail subscription
 * to finance for anomalies whose total impact reaches the plan's threshold. (Anomaly detection
 * exists only in us-east-1: this lives in the billing-configuration stack, and holds no data.)
 */
export class AnomalyAlerts extends Construct {
  readonly monitor: ce.CfnAnomalyMonitor;
  readonly subscription: ce.CfnAnomalySubscription;

  constructor(scope: Construct, id: string, props: AnomalyAlertsProps) {
    super(scope, id);
    this.monitor = new ce.CfnAnomalyMonitor(this, 'Monitor', {
      monitorName: `${props.estateId}-estate-spend`,
      monitorType: 'CUSTOM',
      monitorSpecification: JSON.stringify({
        Tags: { Key: props.tagKey, Values: [props.tagValue], MatchOptions: ['EQUALS'] },
      }),
    });
    this.subscription = new ce.CfnAnomalySubscription(this, 'Subscription', {
      subscriptionName: `${props.estateId}-finance`,
      frequency: 'DAILY',
      monitorArnList: [this.monitor.attrMonitorArn],
      subscribers: [...props.emails].sort().map((address) => ({ type: 'EMAIL', address })),
      thresholdExpression: JSON.stringify({
        Dimensions: {
          Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE',
          MatchOptions: ['GREATER_THAN_OR_EQUAL'],
          Values: [String(props.thresholdUsd)],
        },
      }),
    });
  }
}

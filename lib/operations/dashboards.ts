import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

/** An alarm status widget shows at most 100 alarms. */
const ALARMS_PER_WIDGET = 100;

/** One section of a dashboard: a title and the alarms (ARNs) it shows. */
export interface DashboardSection {
  readonly title: string;
  readonly alarmArns: readonly string[];
}

/** Properties of {@link AlarmDashboard}. */
export interface AlarmDashboardProps {
  readonly dashboardName: string;
  /** Markdown shown at the top. */
  readonly heading: string;
  readonly sections: readonly DashboardSection[];
}

/**
 * A CloudWatch dashboard of alarm status widgets, one per section (split at 100 alarms), built as
 * the dashboard body JSON ("Dashboard body structure and syntax",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html).
 * One resource per dashboard, whatever the number of alarms.
 */
export class AlarmDashboard extends Construct {
  constructor(scope: Construct, id: string, props: AlarmDashboardProps) {
    super(scope, id);
    const widgets: object[] = [
      { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: props.heading } },
    ];
    let y = 2;
    for (const section of props.sections) {
      for (let i = 0; i < section.alarmArns.length; i += ALARMS_PER_WIDGET) {
        const alarms = section.alarmArns.slice(i, i + ALARMS_PER_WIDGET);
        const height = Math.min(12, 2 + Math.ceil(alarms.length / 4));
        widgets.push({
          type: 'alarm',
          x: 0,
          y,
          width: 24,
          height,
          properties: {
            title:
              section.alarmArns.length > ALARMS_PER_WIDGET
                ? `${section.title} (${i / ALARMS_PER_WIDGET + 1})`
                : section.title,
            alarms,
            sortBy: 'stateUpdatedTimestamp',
            states: [],
          },
        });
        y += height;
      }
    }
    new cloudwatch.CfnDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      dashboardBody: Stack.of(this).toJsonString({ widgets }),
    });
  }
}

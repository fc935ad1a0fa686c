import { Fn, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

/** An alarm status widget shows at most 100 alarms. */
const ALARMS_PER_WIDGET = 100;

/** One section of a dashboard: a title and the alarms (by name, in the dashboard's account and region) it shows. */
export interface DashboardSection {
  readonly title: string;
  readonly alarmNames: readonly string[];
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
    // The body is one Fn::Sub string: each ARN costs its own characters only, where a Fn::Join per
    // ARN (Stack.toJsonString) made a 2,000-server Health template pass CloudFormation's 1 MB.
    const stack = Stack.of(this);
    const region = Token.isUnresolved(stack.region) ? '${AWS::Region}' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '${AWS::AccountId}' : stack.account;
    const arnOf = (name: string) => `arn:\${AWS::Partition}:cloudwatch:${region}:${account}:alarm:${name}`;
    let y = 2;
    for (const section of props.sections) {
      const arns = section.alarmNames.map(arnOf);
      for (let i = 0; i < arns.length; i += ALARMS_PER_WIDGET) {
        const alarms = arns.slice(i, i + ALARMS_PER_WIDGET);
        const height = Math.min(12, 2 + Math.ceil(alarms.length / 4));
        widgets.push({
          type: 'alarm',
          x: 0,
          y,
          width: 24,
          height,
          properties: {
            title:
              arns.length > ALARMS_PER_WIDGET
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
    const body = JSON.stringify({ widgets });
    const literal = body.replace(/\$\{AWS::(Partition|Region|AccountId)\}/g, '');
    if (literal.includes('${'))
      throw new Error(`Dashboard ${props.dashboardName}: its text may not contain "\${"`);
    new cloudwatch.CfnDashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      dashboardBody: Fn.sub(body),
    });
  }
}

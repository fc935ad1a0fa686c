import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { stableSlot } from '../shared/stable-hash';
import { applicationAlarmName } from './alarm-names';

/**
 * A composite alarm's rule names at most 100 child alarms ("PutCompositeAlarm", Amazon CloudWatch
 * API Reference, https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html).
 */
export const COMPOSITE_CHILDREN_LIMIT = 100;

/** Properties of {@link ApplicationHealth}. */
export interface ApplicationHealthProps {
  readonly estateId: string;
  readonly applicationId: string;
  /** Names of every alarm of the application's servers and databases (they must exist first). */
  readonly alarmNames: readonly string[];
  readonly topicArn: string;
}

/**
 * One composite alarm per application, in ALARM while any of its servers' or databases' alarms
 * is: the application's health in one line (dashboards, `estate ops status`). It tells the
 * topic when it fires and clears. Over 100 children, the alarms are grouped by a stable hash of
 * their name into 2, 4, 8... part composites, and the application's composite watches those.
 */
export class ApplicationHealth extends Construct {
  readonly alarm?: cloudwatch.CfnCompositeAlarm;

  constructor(scope: Construct, id: string, props: ApplicationHealthProps) {
    super(scope, id);
    if (props.alarmNames.length === 0) return;
    const name = applicationAlarmName(props.estateId, props.applicationId);
    const parts = partCountFor(props.alarmNames);
    let children = [...props.alarmNames].sort();
    const parents: cloudwatch.CfnCompositeAlarm[] = [];
    if (parts > 1) {
      const partNames: string[] = [];
      for (let part = 0; part < parts; part++) {
        const members = children.filter((n) => stableSlot(n, parts) === part);
        if (members.length === 0) continue;
        const partName = `${name}-part${part + 1}`;
        parents.push(
          new cloudwatch.CfnCompositeAlarm(this, `Part${part + 1}`, {
            alarmName: partName,
            alarmDescription: `${props.applicationId}: part ${part + 1} of ${parts} of its alarms`,
            alarmRule: anyOf(members),
            actionsEnabled: false,
          }),
        );
        partNames.push(partName);
      }
      children = partNames;
    }
    this.alarm = new cloudwatch.CfnCompositeAlarm(this, 'Alarm', {
      alarmName: name,
      alarmDescription: `${props.applicationId}: one of its servers' or databases' alarms is in ALARM (docs/operations.md)`,
      alarmRule: anyOf(children),
      alarmActions: [props.topicArn],
      okActions: [props.topicArn],
    });
    for (const p of parents) this.alarm.node.addDependency(p);
  }
}

/** The fewest parts (1, 2, 4...) whose every hash bucket holds at most 100 alarms. */
export function partCountFor(names: readonly string[]): number {
  if (names.length <= COMPOSITE_CHILDREN_LIMIT) return 1;
  for (let count = 2; ; count *= 2) {
    const sizes = new Array<number>(count).fill(0);
    for (const n of names) sizes[stableSlot(n, count)]! += 1;
    if (sizes.every((s) => s <= COMPOSITE_CHILDREN_LIMIT)) return count;
  }
}

function anyOf(names: readonly string[]): string {
  return names.map((n) => `ALARM("${n}")`).join(' OR ');
}

/** The ARN of an alarm in `scope`'s stack, by name. */
export function alarmArn(scope: Construct, alarmName: string): string {
  return Stack.of(scope).formatArn({
    service: 'cloudwatch',
    resource: 'alarm',
    resourceName: alarmName,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

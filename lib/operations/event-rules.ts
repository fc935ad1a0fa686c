/**
 * EventBridge rules that tell an alerts topic about AWS Backup and AWS MGN events. Event patterns
 * follow "Monitoring AWS Backup events using Amazon EventBridge"
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html) and MGN's "Event
 * samples" (https://docs.aws.amazon.com/mgn/latest/ug/eventbridge-events.html). A rule's event
 * pattern is at most 2,048 characters by default ("Amazon EventBridge quotas",
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html), so a wave stack's
 * resources are split over as many rules as keep each pattern within it.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import { stableSlot } from '../shared/stable-hash';

/** Longest resource ARN assumed per entry (an RDS ARN with a 63-character identifier, quoted). */
const ARN_BUDGET = 110;
/** Characters of the pattern around the ARN list. */
const PATTERN_OVERHEAD = 260;
export const EVENT_PATTERN_LIMIT = 2048;
/** Resources one backup-failure rule may list. */
export const RESOURCES_PER_BACKUP_RULE = Math.floor((EVENT_PATTERN_LIMIT - PATTERN_OVERHEAD) / ARN_BUDGET);

/** A resource whose backup jobs are watched: its plan id and ARN. */
export interface WatchedResource {
  readonly id: string;
  readonly arn: string;
}

/** Properties of {@link BackupFailureRules}. */
export interface BackupFailureRulesProps {
  /** The stack's servers and databases. */
  readonly resources: readonly WatchedResource[];
  readonly topicArn: string;
  /** Shown in the rules' descriptions. */
  readonly label: string;
}

/**
 * Backup jobs of these resources that fail, expire or are aborted tell the application's topic.
 * Resources are split over rules by a stable hash of their id (1, 2, 4... rules), so adding one
 * server moves no other between rules unless the count crosses a power of two.
 */
export class BackupFailureRules extends Construct {
  readonly rules: readonly events.CfnRule[];

  constructor(scope: Construct, id: string, props: BackupFailureRulesProps) {
    super(scope, id);
    const n = ruleCountFor(props.resources.map((r) => r.id));
    const rules: events.CfnRule[] = [];
    for (let bucket = 0; bucket < n; bucket++) {
      const arns = props.resources.filter((r) => stableSlot(r.id, n) === bucket).map((r) => r.arn);
      if (arns.length === 0) continue;
      rules.push(
        new events.CfnRule(this, n === 1 ? 'Rule' : `Rule${bucket + 1}`, {
          description: `${props.label}: backup job failed, expired or aborted${n === 1 ? '' : ` (part ${bucket + 1} of ${n})`}`,
          eventPattern: {
            source: ['aws.backup'],
            'detail-type': ['Backup Job State Change'],
            detail: { state: ['FAILED', 'EXPIRED', 'ABORTED'], resourceArn: arns },
          },
          targets: [{ id: 'AlertsTopic', arn: props.topicArn }],
        }),
      );
    }
    this.rules = rules;
  }
}

/** The fewest rules (1, 2, 4...) whose every hash bucket lists at most RESOURCES_PER_BACKUP_RULE. */
export function ruleCountFor(ids: readonly string[]): number {
  for (let count = 1; ; count *= 2) {
    const sizes = new Array<number>(count).fill(0);
    for (const id of ids) sizes[stableSlot(id, count)]! += 1;
    if (sizes.every((s) => s <= RESOURCES_PER_BACKUP_RULE)) return count;
  }
}

/** ARN of an EC2 instance in `scope`'s stack. */
export function instanceArn(scope: Construct, instanceId: string): string {
  return Stack.of(scope).formatArn({ service: 'ec2', resource: 'instance', resourceName: instanceId });
}

/** ARN of an RDS instance in `scope`'s stack. */
export function databaseArn(scope: Construct, identifier: string): string {
  return Stack.of(scope).formatArn({
    service: 'rds',
    resource: 'db',
    resourceName: identifier,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/** Properties of {@link EstateEventRules}. */
export interface EstateEventRulesProps {
  readonly topicArn: string;
  readonly estateName: string;
}

/**
 * Account-wide events without an application to route by, to the estate's operations topic:
 * failed restore tests (AWS Backup restore jobs) and MGN source servers whose data replication
 * stalls during a wave.
 */
export class EstateEventRules extends Construct {
  constructor(scope: Construct, id: string, props: EstateEventRulesProps) {
    super(scope, id);
    new events.CfnRule(this, 'RestoreFailures', {
      description: `${props.estateName}: a restore job (restore tests among them) failed`,
      eventPattern: {
        source: ['aws.backup'],
        'detail-type': ['Restore Job State Change'],
        detail: { status: ['FAILED'] },
      },
      targets: [{ id: 'OperationsTopic', arn: props.topicArn }],
    });
    new events.CfnRule(this, 'ReplicationStalled', {
      description: `${props.estateName}: MGN data replication of a source server stalled`,
      eventPattern: {
        source: ['aws.mgn'],
        'detail-type': ['MGN Source Server Data Replication Stalled Change'],
        detail: { state: ['STALLED'] },
      },
      targets: [{ id: 'OperationsTopic', arn: props.topicArn }],
    });
  }
}

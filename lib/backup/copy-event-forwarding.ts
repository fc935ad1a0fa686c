import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { completedCopyIntoVaultPattern } from './recovery-point-copy';

/** ARN of an account's default event bus in a region. */
export function defaultEventBusArn(scope: Construct, account: string, region: string): string {
  return Arn.format(
    {
      service: 'events',
      account,
      region,
      resource: 'event-bus',
      resourceName: 'default',
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    },
    Stack.of(scope),
  );
}

/** Properties of {@link CopyEventForwarding}. */
export interface CopyEventForwardingProps {
  /** The backup account's home-region recovery vault (the copy's destination). */
  readonly recoveryVaultArn: string;
  readonly backupAccount: string;
}

/**
 * In a workload account: forwards its completed copy jobs into the backup account's home-region
 * recovery vault to the backup account's default event bus. A copy job belongs to the account that
 * runs it, and AWS Backup sends its "Copy Job State Change" events to that account's bus; the
 * backup account sees them only when they are sent on (EventBridge User Guide, "Sending and
 * receiving events between AWS accounts": a rule whose target is the other account's event bus,
 * with a role allowed to `events:PutEvents` on it). Only COMPLETED copies into that one vault are
 * sent; the role may put events on that one bus only.
 */
export class CopyEventForwarding extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: CopyEventForwardingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const busArn = defaultEventBusArn(this, props.backupAccount, stack.region);
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: "Send completed copies into the recovery vault to the backup account's event bus",
      statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [busArn] })],
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'EventBridge: send completed copies into the recovery vault to the backup account',
      managedPolicies: [policy],
    });
    this.rule = new events.Rule(this, 'Rule', {
      description: 'A copy into the recovery vault completed: tell the backup account',
      eventPattern: completedCopyIntoVaultPattern(props.recoveryVaultArn),
      targets: [
        new targets.EventBus(events.EventBus.fromEventBusArn(this, 'BackupAccountBus', busArn), {
          role: role.withoutPolicyUpdates(),
        }),
      ],
    });
    this.rule.node.addDependency(policy);
  }
}

/** Properties of {@link CopyEventReceiving}. */
export interface CopyEventReceivingProps {
  /** Workload accounts whose copy job events are accepted. */
  readonly sourceAccounts: readonly string[];
  /** Their AWS Organization: only principals of it may put events. @default - the accounts alone */
  readonly organizationId?: string;
}

/**
 * In the backup account: its default event bus accepts AWS Backup "Copy Job State Change" events
 * from the workload accounts, and nothing else from them (`events:source` and `events:detail-type`
 * conditions, EventBridge User Guide, "Using resource-based policies for Amazon EventBridge").
 */
export class CopyEventReceiving extends Construct {
  /** Absent when every workload account is the backup account (its events are on its own bus). */
  readonly policy?: events.CfnEventBusPolicy;

  constructor(scope: Construct, id: string, props: CopyEventReceivingProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const accounts = [...new Set(props.sourceAccounts)].filter((a) => a !== stack.account).sort();
    if (accounts.length === 0) return;
    this.policy = new events.CfnEventBusPolicy(this, 'Policy', {
      statementId: 'WorkloadAccountsCopyJobEvents',
      statement: {
        Sid: 'WorkloadAccountsCopyJobEvents',
        Effect: 'Allow',
        Principal: { AWS: accounts.map((a) => `arn:${stack.partition}:iam::${a}:root`) },
        Action: 'events:PutEvents',
        Resource: defaultEventBusArn(this, stack.account, stack.region),
        Condition: {
          StringEquals: {
            'events:source': 'aws.backup',
            'events:detail-type': 'Copy Job State Change',
            ...(props.organizationId ? { 'aws:PrincipalOrgID': props.organizationId } : {}),
          },
        },
      },
    });
  }
}

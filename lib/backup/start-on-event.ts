import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/** What starts a state machine: the event, and words for the rule and its role. */
export interface StartOnEventProps {
  readonly stateMachine: sfn.IStateMachine;
  /** The account the EventBridge role trusts (`aws:SourceAccount`). */
  readonly account: string;
  readonly eventPattern: events.EventPattern;
  readonly ruleDescription: string;
  readonly roleDescription: string;
}

/**
 * An EventBridge rule (`ruleId`) that starts one state machine, through a role (`StartRole`) whose
 * policy (`StartPolicy`) allows starting only that machine. The target's role is used from the
 * first matching event, so the rule waits for the policy.
 */
export function startOnEvent(scope: Construct, ruleId: string, props: StartOnEventProps): events.Rule {
  const startPolicy = new iam.ManagedPolicy(scope, 'StartPolicy', {
    statements: [
      new iam.PolicyStatement({
        actions: ['states:StartExecution'],
        resources: [props.stateMachine.stateMachineArn],
      }),
    ],
  });
  const eventsRole = new iam.Role(scope, 'StartRole', {
    assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
    }),
    description: props.roleDescription,
    managedPolicies: [startPolicy],
  });
  const rule = new events.Rule(scope, ruleId, {
    description: props.ruleDescription,
    eventPattern: props.eventPattern,
    targets: [new targets.SfnStateMachine(props.stateMachine, { role: eventsRole.withoutPolicyUpdates() })],
  });
  rule.node.addDependency(startPolicy);
  return rule;
}

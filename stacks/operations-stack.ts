import type { Construct } from 'constructs';
import type { EstateModel, ServerDecision, WorkloadAccount } from '../lib/estate-model';
import type { KeyProvider } from '../lib/keys';
import {
  AgentConfiguration,
  AlertsTopic,
  EstateEventRules,
  Patching,
  type PatchGroupSpec,
} from '../lib/operations';
import type { MaintenanceWindowDecision } from '../lib/estate-model';
import { constructIdFor } from '../lib/shared/naming';
import { applyTags } from '../lib/tagging';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface OperationsStackProps {
  readonly model: EstateModel;
  readonly keys: KeyProvider;
  /** The workload account (estate model). @default - the production account */
  readonly account?: WorkloadAccount;
}

/** Name of the estate-wide operations topic (restore tests, stalled replication). */
export function operationsTopicName(estateId: string): string {
  return `${estateId}-operations-alerts`;
}

/**
 * What every server and database of one workload account is operated with, deployed before its
 * wave stacks (docs/operations.md): the applications' KMS-encrypted alerts topics (the wave stacks'
 * alarms name them by ARN) and the estate's operations topic with its event rules (failed restore
 * tests, stalled MGN replication); the CloudWatch agent's configuration per OS family applied by
 * tag; Patch Manager baselines per patch group, a daily scan and the maintenance windows.
 */
export class OperationsStack extends EstateStack {
  constructor(scope: Construct, props: OperationsStackProps) {
    const { model } = props;
    super(scope, {
      model,
      ...workloadStackProps(props.account, 'Operations'),
      description: `${model.estate.name}: alerts topics, CloudWatch agent configuration, patch baselines and maintenance windows`,
    });
    const role = props.account?.role ?? 'production';
    const tags = props.account?.sharedTags ?? model.sharedTags;
    applyTags(this, tags);
    const classification = tags.DataClassification === 'OFFICIAL' ? 'OFFICIAL' : 'OFFICIAL-SENSITIVE';
    const key = props.keys.keyFor('sns', classification);

    for (const app of model.alerts.filter((a) => a.account.role === role)) {
      if (app.alerts.kind !== 'estate-topic') continue;
      new AlertsTopic(this, `${constructIdFor(app.application)}Alerts`, {
        topicName: app.alerts.topicName,
        displayName: `Alerts: ${app.application}`,
        key,
        ...(app.alerts.email ? { email: app.alerts.email } : {}),
      });
    }
    const fallback = model.settings.operations.alerts;
    const ownTopic =
      fallback && 'topicArn' in fallback
        ? undefined
        : new AlertsTopic(this, 'OperationsAlerts', {
            topicName: operationsTopicName(model.estate.id),
            displayName: `Operations: ${model.estate.name}`,
            key,
            ...(fallback ? { email: fallback.email } : {}),
          });
    const operationsTopic = ownTopic ? ownTopic.topic.topicArn : (fallback as { topicArn: string }).topicArn;
    const rules = new EstateEventRules(this, 'Events', {
      topicArn: operationsTopic,
      estateName: model.estate.name,
    });
    // The rules publish through the topic's policy: created after it (test/landing-zone/first-deploy.test.ts).
    if (ownTopic) rules.node.addDependency(ownTopic.topic);

    const servers = model.servers.filter(
      (s): s is ServerDecision => s.landingZone && s.account.role === role,
    );
    const groups = new Map<string, PatchGroupSpec>();
    const windows = new Map<string, MaintenanceWindowDecision>();
    for (const s of servers) {
      const o = s.operations;
      groups.set(o.patchGroup, { name: o.patchGroup, family: o.patchFamily, approvalClass: o.approvalClass });
      windows.set(o.maintenanceWindow.name, o.maintenanceWindow);
    }
    const sortedGroups = [...groups.values()].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    const byFamily = (windowsFamily: boolean) =>
      sortedGroups.filter((g) => (g.family === 'windows-server') === windowsFamily).map((g) => g.name);
    new AgentConfiguration(this, 'CloudWatchAgent', {
      estateId: model.estate.id,
      patchGroups: { windows: byFamily(true), linux: byFamily(false) },
    });
    new Patching(this, 'Patching', {
      estateId: model.estate.id,
      patchGroups: sortedGroups,
      windows: [...windows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    });
  }
}

import type { Construct } from 'constructs';
import type { EstateModel, WorkloadAccount } from '../lib/estate-model';
import {
  AlarmDashboard,
  alertsTopicArn,
  applicationAlarmName,
  ApplicationHealth,
  monitoredItems,
  type MonitoredItem,
} from '../lib/operations';
import { constructIdFor } from '../lib/shared/naming';
import { applyTags } from '../lib/tagging';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface HealthStackProps {
  readonly model: EstateModel;
  /** The workload account (estate model). @default - the production account */
  readonly account?: WorkloadAccount;
}

/** Name of a wave's dashboard. */
export function waveDashboardName(
  estateId: string,
  prefix: string,
  waveOrder: number,
  waveId: string,
): string {
  return `${estateId}-${prefix}wave${String(waveOrder).padStart(2, '0')}-${waveId}`;
}

/**
 * The health of one workload account's applications, deployed after its wave stacks (a composite
 * alarm can name only alarms that exist): a composite alarm per application over every alarm of
 * its servers and databases, a dashboard per wave (each item's alarms, by application) and one for
 * the estate (every application's composite alarm).
 */
/** Wave dashboards list every item's alarms up to this many alarms in the account (see HealthStack). */
export const DETAILED_DASHBOARD_ALARMS = 3000;

export class HealthStack extends EstateStack {
  constructor(scope: Construct, props: HealthStackProps) {
    const { model } = props;
    super(scope, {
      model,
      ...workloadStackProps(props.account, 'Health'),
      description: `${model.estate.name}: application composite alarms and operations dashboards`,
      // Its dashboards name every alarm: at 2,000 servers the indented template passes 1 MB.
      compactTemplate: true,
    });
    const role = props.account?.role ?? 'production';
    applyTags(this, props.account?.sharedTags ?? model.sharedTags);
    const estateId = model.estate.id;
    const items = monitoredItems(model, new Set(model.settings.adopted.map((a) => a.server))).filter(
      (i) => i.accountRole === role,
    );
    const byApplication = groupBy(items, (i) => i.application);
    const composites: string[] = [];
    for (const app of model.alerts.filter((a) => a.account.role === role)) {
      const names = (byApplication.get(app.application) ?? []).flatMap((i) => [...i.alarmNames]);
      if (names.length === 0) continue;
      new ApplicationHealth(this, `${constructIdFor(app.application)}Health`, {
        estateId,
        applicationId: app.application,
        alarmNames: names,
        topicArn: alertsTopicArn(this, app.alerts),
      });
      composites.push(applicationAlarmName(estateId, app.application));
    }
    const prefix = props.account?.stackPrefix.toLowerCase() ?? '';
    const waves = [...groupBy(items, (i) => i.wave).entries()].sort(
      (a, b) => a[1][0]!.waveOrder - b[1][0]!.waveOrder,
    );
    // Every item's alarm on the wave dashboards while they stay small; past DETAILED_DASHBOARD_ALARMS
    // (a 2,000-server estate would pass CloudFormation's 1 MB template limit) each application's
    // composite alarm stands for its items there, and the console lists the composite's children.
    const detailed = items.reduce((n, i) => n + i.alarmNames.length, 0) <= DETAILED_DASHBOARD_ALARMS;
    const withComposite = new Set(composites);
    for (const [wave, waveItems] of waves) {
      const order = waveItems[0]!.waveOrder;
      const sections = [...groupBy(waveItems, (i) => i.application).entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([application, appItems]) => {
          const composite = applicationAlarmName(estateId, application);
          return {
            title: application,
            alarmNames: detailed
              ? appItems.flatMap((i) => i.alarmNames)
              : withComposite.has(composite)
                ? [composite]
                : [],
          };
        })
        .filter((s) => s.alarmNames.length > 0);
      const awaiting = waveItems.filter((i) => i.awaitingAdoption).map((i) => i.id);
      new AlarmDashboard(this, `Wave${constructIdFor(wave)}Dashboard`, {
        dashboardName: waveDashboardName(estateId, prefix, order, wave),
        heading:
          `# ${model.estate.name}: wave ${order} (${wave})\n` +
          `Alarms of every server and database of the wave, by application (docs/operations.md).` +
          (awaiting.length > 0 ? ` Awaiting \`migrate adopt\`: ${awaiting.join(', ')}.` : ''),
        sections,
      });
    }
    if (composites.length > 0) {
      new AlarmDashboard(this, 'EstateDashboard', {
        dashboardName: `${estateId}-${prefix}estate`,
        heading: `# ${model.estate.name}\nOne composite alarm per application: in ALARM when any of its servers' or databases' alarms is.`,
        sections: [{ title: 'Applications', alarmNames: composites }],
      });
    }
  }
}

function groupBy(
  items: readonly MonitoredItem[],
  key: (i: MonitoredItem) => string,
): Map<string, MonitoredItem[]> {
  const out = new Map<string, MonitoredItem[]>();
  for (const i of items) {
    const k = key(i);
    const list = out.get(k) ?? [];
    list.push(i);
    out.set(k, list);
  }
  return out;
}

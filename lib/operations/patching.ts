import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  APPROVAL_DELAY_DAYS,
  MAINTENANCE_WINDOW_TAG,
  type ApprovalClass,
  type MaintenanceWindowDecision,
  type PatchFamily,
} from '../estate-model/operations';
import { constructIdFor } from '../shared/naming';

/** Patch Manager's operating system for each family (AWS::SSM::PatchBaseline OperatingSystem). */
export const PATCH_OPERATING_SYSTEM: Readonly<Record<PatchFamily, string>> = {
  'windows-server': 'WINDOWS',
  rhel: 'REDHAT_ENTERPRISE_LINUX',
  centos: 'CENTOS',
  ubuntu: 'UBUNTU',
  'amazon-linux': 'AMAZON_LINUX_2023',
};

/** What each family's baseline approves ("Patch baseline rules", Patch Manager). */
function patchFilters(family: PatchFamily): { key: string; values: string[] }[] {
  switch (family) {
    case 'windows-server':
      return [
        { key: 'CLASSIFICATION', values: ['CriticalUpdates', 'SecurityUpdates', 'UpdateRollups'] },
        { key: 'MSRC_SEVERITY', values: ['Critical', 'Important'] },
      ];
    case 'ubuntu':
      return [
        { key: 'PRIORITY', values: ['Required', 'Important'] },
        { key: 'SECTION', values: ['*'] },
      ];
    default:
      return [
        { key: 'CLASSIFICATION', values: ['Security', 'Bugfix'] },
        { key: 'SEVERITY', values: ['Critical', 'Important'] },
      ];
  }
}

/** One patch group: an OS family and an approval class. */
export interface PatchGroupSpec {
  readonly name: string;
  readonly family: PatchFamily;
  readonly approvalClass: ApprovalClass;
}

/** Properties of {@link Patching}. */
export interface PatchingProps {
  readonly estateId: string;
  /** The patch groups of the account's servers (one baseline each). */
  readonly patchGroups: readonly PatchGroupSpec[];
  /** The maintenance windows the account's servers are in. */
  readonly windows: readonly MaintenanceWindowDecision[];
}

/**
 * SSM Patch Manager for the account's servers
 * ("AWS Systems Manager Patch Manager", https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html):
 *
 * - a patch baseline per patch group (OS family and approval class), approving critical and
 *   important security fixes after the class's delay (Ubuntu has no release dates to delay by:
 *   its baselines approve at once and only the windows stagger it);
 * - a daily compliance scan of every server (`AWS-RunPatchBaseline`, Scan) at 13:00 UTC;
 * - per maintenance window, a target by the `MaintenanceWindow` tag and an install task
 *   (`AWS-RunPatchBaseline`, Install, reboot if needed), run with Systems Manager's
 *   service-linked role (no task role: "Use the service-linked role for maintenance window tasks").
 */
export class Patching extends Construct {
  constructor(scope: Construct, id: string, props: PatchingProps) {
    super(scope, id);
    for (const group of props.patchGroups) {
      const days = APPROVAL_DELAY_DAYS[group.approvalClass];
      const delay = group.family === 'ubuntu' ? {} : { approveAfterDays: days };
      new ssm.CfnPatchBaseline(this, constructIdFor(`baseline-${group.family}-${group.approvalClass}`), {
        name: group.name,
        description: `${group.family} servers, ${group.approvalClass}: critical and important fixes${group.family === 'ubuntu' ? '' : ` after ${days} days`}`,
        operatingSystem: PATCH_OPERATING_SYSTEM[group.family],
        patchGroups: [group.name],
        approvalRules: {
          patchRules: [
            {
              ...delay,
              complianceLevel: 'CRITICAL',
              // Linux only ("PatchRule", AWS Systems Manager API Reference).
              ...(group.family === 'windows-server' ? {} : { enableNonSecurity: false }),
              patchFilterGroup: { patchFilters: patchFilters(group.family) },
            },
          ],
        },
      });
    }
    if (props.patchGroups.length > 0) {
      new ssm.CfnAssociation(this, 'DailyScan', {
        name: 'AWS-RunPatchBaseline',
        associationName: `${props.estateId}-patch-scan`,
        parameters: { Operation: ['Scan'] },
        targets: [{ key: 'tag:PatchGroup', values: props.patchGroups.map((g) => g.name) }],
        scheduleExpression: 'cron(0 13 ? * * *)',
      });
    }
    for (const w of props.windows) {
      const wid = constructIdFor(w.name.slice(props.estateId.length + 1));
      const window = new ssm.CfnMaintenanceWindow(this, wid, {
        name: w.name,
        description: `Patch installs: ${w.approvalClass}, wave slot ${w.waveSlot + 1}, zone ${w.zoneSlot + 1}`,
        schedule: w.schedule,
        scheduleTimezone: 'Etc/UTC',
        duration: w.durationHours,
        cutoff: w.cutoffHours,
        allowUnassociatedTargets: false,
      });
      const target = new ssm.CfnMaintenanceWindowTarget(this, `${wid}Target`, {
        windowId: window.ref,
        resourceType: 'INSTANCE',
        name: w.name,
        targets: [{ key: `tag:${MAINTENANCE_WINDOW_TAG}`, values: [w.name] }],
      });
      new ssm.CfnMaintenanceWindowTask(this, `${wid}Install`, {
        windowId: window.ref,
        name: 'install-patches',
        taskArn: 'AWS-RunPatchBaseline',
        taskType: 'RUN_COMMAND',
        priority: 1,
        maxConcurrency: '25%',
        maxErrors: '10%',
        targets: [{ key: 'WindowTargetIds', values: [target.ref] }],
        taskInvocationParameters: {
          maintenanceWindowRunCommandParameters: {
            parameters: { Operation: ['Install'], RebootOption: ['RebootIfNeeded'] },
          },
        },
      });
    }
  }
}

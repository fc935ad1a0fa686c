/**
 * The pure core of `migrate configure --wave`: from the plan and what MGN holds, the calls that
 * bring MGN in line with the plan, grouped per server so one failure stops only that server.
 * A call is planned only when MGN differs, so a second run plans nothing.
 */
import {
  MAINTENANCE_WINDOW_TAG,
  PATCH_GROUP_TAG,
  serverDecision,
  type EstateModel,
} from '../../estate-model';
import { serverEntryRouteOf } from '../../estate-model/model-lookup';
import type { PlanServer, PlanWave } from '../../plan/plan';
import type { MgnLaunchTarget } from '../mgn-launch-target';
import { mgnNameFor } from '../mgn-waves';
import {
  launchTemplateDifferences,
  type CurrentLaunchTemplate,
  type WantedLaunchTemplate,
} from './launch-template';
import { matchServers, type ServerMatch } from './match-servers';
import type { MgnLaunchSettings, MgnSnapshot } from './snapshot';
import type { AccountScope } from './account-scope';

/**
 * One MGN API call, named by its operation, with its input exactly as the SDK takes it; or
 * `SetLaunchTemplate`, the EC2 step (DescribeLaunchTemplateVersions, then CreateLaunchTemplateVersion
 * and ModifyLaunchTemplate only if the default version still differs).
 */
export type MgnCall =
  | { readonly op: 'AssociateApplications'; readonly input: { waveID: string; applicationIDs: string[] } }
  | {
      readonly op: 'AssociateSourceServers';
      readonly input: { applicationID: string; sourceServerIDs: string[] };
    }
  | {
      readonly op: 'UpdateLaunchConfiguration';
      readonly input: Required<Omit<MgnLaunchSettings, 'osByol'>> & {
        sourceServerID: string;
        licensing: { osByol: boolean };
      };
    }
  | { readonly op: 'TagResource'; readonly input: { resourceArn: string; tags: Record<string, string> } }
  | {
      readonly op: 'SetLaunchTemplate';
      readonly input: { launchTemplateId: string; wanted: WantedLaunchTemplate };
      /** What differs, in words, for the dry run and progress lines. */
      readonly changes: readonly string[];
    };

/** What the EC2 launch templates need besides MGN, read by the executor before planning. */
export interface LaunchInputs {
  readonly model: EstateModel;
  /** By plan server id: the landing zone's launch target, or why there is none. */
  readonly targets: ReadonlyMap<string, MgnLaunchTarget | string>;
  /** By source server id: the template's default version, or why it could not be read. */
  readonly templates: ReadonlyMap<string, CurrentLaunchTemplate | string>;
}

/** A group of calls that succeed or fail together. */
export interface CallGroup {
  /** `wave`, or the plan server id. */
  readonly subject: string;
  readonly calls: readonly MgnCall[];
}

export interface ConfigurePlan {
  readonly wave: PlanWave;
  readonly groups: readonly CallGroup[];
  /** Problems that stop an item before any call (e.g. no MGN application yet). */
  readonly blocked: readonly { readonly subject: string; readonly reason: string }[];
  readonly match: ServerMatch;
}

/** The launch settings the plan wants for a server (see MgnLaunchTemplate for the defaults). */
export function wantedLaunchSettings(server: PlanServer): Required<MgnLaunchSettings> {
  return {
    name: server.hostname,
    copyPrivateIp: false,
    copyTags: true,
    launchDisposition: 'STARTED',
    osByol: server.licence === 'bring-your-own',
    targetInstanceTypeRightSizingMethod: 'NONE',
  };
}

function sameSettings(a: Required<MgnLaunchSettings>, b: MgnLaunchSettings | undefined): boolean {
  if (!b) return false;
  return (Object.keys(a) as (keyof MgnLaunchSettings)[]).every((k) => a[k] === b[k]);
}

/** Plan servers of a wave (and of one account, when given) that move with MGN, in plan order. */
export function mgnServersOf(
  model: EstateModel,
  waveId: string | undefined,
  scope?: AccountScope,
): PlanServer[] {
  return model.planned.servers.filter(
    (s) =>
      (waveId === undefined || s.wave === waveId) &&
      serverEntryRouteOf(model, s.id) === 'mgn' &&
      (scope === undefined || scope.serverIds.has(s.id)),
  );
}

export function planConfigure(
  model: EstateModel,
  wave: PlanWave,
  mgn: MgnSnapshot,
  launch: LaunchInputs,
  scope?: AccountScope,
): ConfigurePlan {
  const servers = mgnServersOf(model, wave.id, scope);
  const match = matchServers(servers, mgn.sourceServers);
  const blocked: { subject: string; reason: string }[] = [];
  const groups: CallGroup[] = [];
  const mgnWave = mgn.waves.find((w) => w.name === mgnNameFor(wave.id));
  const appFor = new Map(mgn.applications.map((a) => [a.name, a]));
  const appIds = [...new Set(servers.map((s) => s.application))].sort();
  const deploy = 'see the line above';
  if (!mgnWave) blocked.push({ subject: 'wave', reason: `MGN has no wave named "${wave.id}": ${deploy}` });
  else {
    const toAssociate = appIds
      .map((id) => appFor.get(mgnNameFor(id)))
      .filter((a) => a !== undefined && a.waveID !== mgnWave.id)
      .map((a) => a!.id);
    if (toAssociate.length > 0) {
      groups.push({
        subject: 'wave',
        calls: [{ op: 'AssociateApplications', input: { waveID: mgnWave.id, applicationIDs: toAssociate } }],
      });
    }
  }
  for (const { server, source } of match.matched) {
    const app = appFor.get(mgnNameFor(server.application));
    if (!app) {
      blocked.push({
        subject: server.id,
        reason: `MGN has no application named "${server.application}": ${deploy}`,
      });
      continue;
    }
    const calls: MgnCall[] = [];
    if (source.applicationID !== app.id) {
      calls.push({
        op: 'AssociateSourceServers',
        input: { applicationID: app.id, sourceServerIDs: [source.sourceServerID] },
      });
    }
    const wanted = wantedLaunchSettings(server);
    if (!sameSettings(wanted, mgn.launchSettings.get(source.sourceServerID))) {
      const { osByol, ...rest } = wanted;
      calls.push({
        op: 'UpdateLaunchConfiguration',
        input: { sourceServerID: source.sourceServerID, ...rest, licensing: { osByol } },
      });
    }
    const decided = serverDecision(launch.model, server.id);
    // The model's tags, plus the patch group and maintenance window the launched instance is
    // patched and configured by (docs/operations.md): tag-based, so adoption needs nothing more.
    const tags: Record<string, string> = {
      ...decided.tags,
      [PATCH_GROUP_TAG]: decided.operations.patchGroup,
      [MAINTENANCE_WINDOW_TAG]: decided.operations.maintenanceWindow.name,
    };
    if (Object.entries(tags).some(([k, v]) => source.tags[k] !== v)) {
      calls.push({ op: 'TagResource', input: { resourceArn: source.arn, tags } });
    }
    const template = launchTemplateCall(
      launch.targets.get(server.id),
      mgn.launchTemplateIds.get(source.sourceServerID),
      launch.templates.get(source.sourceServerID),
      { instanceType: decided.size.instanceType, tags },
    );
    if (typeof template === 'string') blocked.push({ subject: server.id, reason: template });
    else if (template) calls.push(template);
    if (calls.length > 0) groups.push({ subject: server.id, calls });
  }
  return { wave, groups, blocked, match };
}

/** The EC2 launch template step for one server: a call, nothing (already right), or why not. */
function launchTemplateCall(
  target: MgnLaunchTarget | string | undefined,
  templateId: string | undefined,
  current: CurrentLaunchTemplate | string | undefined,
  model: { readonly instanceType: string; readonly tags: Readonly<Record<string, string>> },
): MgnCall | string | undefined {
  if (target === undefined || typeof target === 'string')
    return `launch template not set: ${target ?? 'no launch target read'}`;
  if (!templateId) return 'launch template not set: MGN reports no EC2 launch template for it yet';
  if (current === undefined || typeof current === 'string')
    return `launch template ${templateId} not set: ${current ?? 'not read'}`;
  const wanted: WantedLaunchTemplate = { ...model, target };
  const changes = launchTemplateDifferences(wanted, current.data);
  if (changes.length === 0) return undefined;
  return { op: 'SetLaunchTemplate', input: { launchTemplateId: templateId, wanted }, changes };
}

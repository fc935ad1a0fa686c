/**
 * Which workload account each application's stacks go to, decided once from the plan's
 * `accounts` and the application's environment. The stacks (one set per workload account), `plan
 * show`, the cost estimate and the runbooks read these decisions; none decides again.
 *
 * - Production applications go to `accounts.production`.
 * - Non-production applications go there too when `accounts.nonProduction` is the same account
 *   (a single-account plan, or a plan that shares one workload account): nothing about the
 *   production account's stacks changes.
 * - Otherwise they go to the separate non-production account, which gets its own keys, network
 *   (`network.nonProduction.vpcCidr`), security baseline, backup, access, exit and wave stacks,
 *   named `<Estate>-NonProduction-<role>`, when any of them gets landing-zone resources.
 */
import type { PlanProblem } from '../plan/errors';
import { getsLandingZone, type Plan, type PlanApplication } from '../plan/plan';
import type { DataClassification } from '../plan/schema';
import { cidrsOverlap } from '../plan/cidr-overlap';
import { sharedTags, type TagSet } from './tag-set';

/** The two workload accounts a plan can name. */
export type WorkloadRole = 'production' | 'non-production';

/** Where one application's resources go. */
export interface AccountDecision {
  readonly role: WorkloadRole;
  /** 12-digit AWS account id. */
  readonly account: string;
  readonly reason: string;
}

/** One workload account that gets stacks, and what it holds. */
export interface WorkloadAccount {
  readonly role: WorkloadRole;
  readonly account: string;
  /**
   * Prefix of the role part of this account's stack names: `''` for the production account (its
   * names never change), `NonProduction-` for a separate non-production account.
   */
  readonly stackPrefix: string;
  /** CIDR of this account's VPC. */
  readonly vpcCidr: string;
  /** Ids of the applications placed here, in plan order. */
  readonly applications: readonly string[];
  /** Tags of this account's shared resources (keys, network, backup, access groups). */
  readonly sharedTags: TagSet;
  /** The highest classification of this account's applications (logs, backup and SNS keys). */
  readonly classification: DataClassification;
  /**
   * The account gets an exit stack (exit bucket, export roles, staging subnet): always the
   * production account; another one when any of its items has an exit route.
   */
  readonly exitResources: boolean;
}

/** Stack-name prefix of a separate non-production account. */
export const NON_PRODUCTION_STACK_PREFIX = 'NonProduction-';

/** True when the plan names a non-production account other than the production one. */
export function separateNonProduction(plan: Plan): boolean {
  return plan.accounts.nonProduction !== plan.accounts.production;
}

/** The account decision for one application. */
export function accountDecisionFor(plan: Plan, application: PlanApplication): AccountDecision {
  const { production, nonProduction } = plan.accounts;
  if (application.environment === 'production') {
    return { role: 'production', account: production, reason: 'production application: accounts.production' };
  }
  if (!separateNonProduction(plan)) {
    return {
      role: 'production',
      account: production,
      reason: plan.accounts.multiAccount
        ? 'non-production application; accounts.nonProduction is the production account'
        : 'non-production application; a single-account plan',
    };
  }
  return {
    role: 'non-production',
    account: nonProduction,
    reason: 'non-production application: the separate accounts.nonProduction',
  };
}

/**
 * The workload accounts that get stacks, production first. The production account always does
 * (it also holds the shared estate stacks); a separate non-production account does when any of its
 * applications has a server or database with landing-zone resources.
 */
export function workloadAccounts(
  plan: Plan,
  decisions: ReadonlyMap<string, AccountDecision>,
  hasExitRoute: (item: { readonly id: string; readonly application: string }) => boolean,
): WorkloadAccount[] {
  const appsIn = (role: WorkloadRole) => plan.applications.filter((a) => decisions.get(a.id)?.role === role);
  const production = appsIn('production');
  const result: WorkloadAccount[] = [
    {
      role: 'production',
      account: plan.accounts.production,
      stackPrefix: '',
      vpcCidr: plan.network.vpcCidr,
      applications: production.map((a) => a.id),
      ...tagsOf(plan, production, 'production'),
      exitResources: true,
    },
  ];
  const nonProduction = appsIn('non-production');
  const built = landingZoneItemsOf(plan, nonProduction);
  if (built.length > 0) {
    result.push({
      role: 'non-production',
      account: plan.accounts.nonProduction,
      stackPrefix: NON_PRODUCTION_STACK_PREFIX,
      vpcCidr: plan.network.nonProduction?.vpcCidr ?? '',
      applications: nonProduction.map((a) => a.id),
      ...tagsOf(plan, nonProduction, 'non-production'),
      exitResources: built.some(hasExitRoute),
    });
  }
  return result;
}

/**
 * What the account decisions make impossible: a separate non-production account with landing-zone
 * resources but no VPC of its own, and flows between applications that now sit in different
 * accounts (their VPCs are not connected: no network path exists).
 */
export function accountProblems(plan: Plan, decisions: ReadonlyMap<string, AccountDecision>): PlanProblem[] {
  if (!separateNonProduction(plan)) return [];
  const problems: PlanProblem[] = [];
  const nonProduction = plan.applications.filter((a) => decisions.get(a.id)?.role === 'non-production');
  const built = landingZoneItemsOf(plan, nonProduction);
  if (built.length > 0 && plan.network.nonProduction === undefined) {
    problems.push({
      file: 'estate.yaml',
      path: 'network.nonProduction',
      message: `is required: accounts.nonProduction (${plan.accounts.nonProduction}) is a separate account and non-production resources (${listed(built.map((x) => x.id))}) need a VPC there`,
      allowed:
        'network: { nonProduction: { vpcCidr: <a CIDR apart from network.vpcCidr and the on-premises ranges> } }',
    });
  }
  const vpcOf = (role: WorkloadRole | undefined): string | undefined =>
    role === 'production' ? plan.network.vpcCidr : plan.network.nonProduction?.vpcCidr;
  plan.servers.forEach((server, i) => {
    if (!getsLandingZone(server)) return;
    const here = decisions.get(server.application);
    if (!here) return;
    server.inboundFlows.forEach((flow, j) => {
      const path = `servers[${i}].inboundFlows[${j}].from`;
      if ('application' in flow.from) {
        const there = decisions.get(flow.from.application);
        if (!there || there.role === here.role) return;
        problems.push({
          file: 'servers.yaml',
          path: `${path}.application`,
          message: `flow to server "${server.id}" (${here.role} account ${here.account}) port ${flow.port} from application "${flow.from.application}" (${there.role} account ${there.account}) has no network path: the two workload VPCs are not connected`,
          received: JSON.stringify(flow.from.application),
          allowed: `an application in the ${here.role} account, or an on-premises range`,
        });
      } else if ('cidr' in flow.from) {
        const other = vpcOf(here.role === 'production' ? 'non-production' : 'production');
        if (other === undefined || !cidrsOverlap(flow.from.cidr, other)) return;
        problems.push({
          file: 'servers.yaml',
          path: `${path}.cidr`,
          message: `flow to server "${server.id}" (${here.role} account) port ${flow.port} comes from the other workload account's VPC (${other}), which has no network path to this one`,
          received: JSON.stringify(flow.from.cidr),
        });
      }
    });
    const other = vpcOf(here.role === 'production' ? 'non-production' : 'production');
    server.outboundFlows.forEach((flow, j) => {
      if (!('cidr' in flow.to) || other === undefined || !cidrsOverlap(flow.to.cidr, other)) return;
      problems.push({
        file: 'servers.yaml',
        path: `servers[${i}].outboundFlows[${j}].to.cidr`,
        message: `flow from server "${server.id}" (${here.role} account) port ${flow.port} goes to the other workload account's VPC (${other}), which has no network path from this one`,
        received: JSON.stringify(flow.to.cidr),
      });
    });
  });
  return problems;
}

function landingZoneItemsOf(
  plan: Plan,
  applications: readonly PlanApplication[],
): { readonly id: string; readonly application: string }[] {
  const ids = new Set(applications.map((a) => a.id));
  return [...plan.servers, ...plan.databases].filter((x) => ids.has(x.application) && getsLandingZone(x));
}

function listed(ids: readonly string[]): string {
  return `${ids.slice(0, 3).join(', ')}${ids.length > 3 ? ', ...' : ''}`;
}

function tagsOf(
  plan: Plan,
  applications: readonly PlanApplication[],
  role: WorkloadRole,
): { sharedTags: TagSet; classification: DataClassification } {
  const base = sharedTags(plan);
  if (role === 'production' && !separateNonProduction(plan)) {
    // One workload account holds every application: the estate-wide shared tags, unchanged.
    return { sharedTags: base, classification: base.DataClassification as DataClassification };
  }
  const classification: DataClassification = applications.some(
    (a) => a.dataClassification === 'OFFICIAL-SENSITIVE',
  )
    ? 'OFFICIAL-SENSITIVE'
    : 'OFFICIAL';
  return {
    sharedTags: { ...base, DataClassification: classification, Environment: role },
    classification,
  };
}

/**
 * The account a workload stack goes to when it names none: the production workload account. The
 * one fallback every stack uses (the plan check makes `estate.account` equal to it).
 */
export function defaultAccountFor(plan: Plan): string {
  return plan.accounts.production;
}

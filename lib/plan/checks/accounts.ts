/**
 * Accounts that must agree do (estate.account is accounts.production), accounts that must differ
 * do (backup apart from the workloads), a multi-account plan names its
 * break-glass role, a backup copy region is one the plan allows, and a non-production VPC is
 * given only for a separate non-production account.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { UK_DEFAULT_REGION } from '../uk-default-region';

export const accounts: PlanCheck = ({ estate }) => {
  const out: RawProblem[] = [];
  const a = estate.accounts;
  if (a) {
    // estate.account is where the finance stacks (cost governance, billing configuration) and the
    // exit plan put and look for the estate's costs and resources; every other estate stack
    // deploys to accounts.production. Two different accounts would split them.
    if (estate.estate.account !== a.production) {
      out.push({
        file: 'estate',
        path: ['estate', 'account'],
        message: `must equal accounts.production (${a.production}): the finance stacks (budgets, cost reports, billing configuration) and the exit plan use estate.account, every other estate stack deploys to accounts.production`,
        received: estate.estate.account,
        allowed: a.production,
      });
    }
    for (const workload of ['production', 'nonProduction'] as const) {
      if (a.backup === a[workload]) {
        out.push({
          file: 'estate',
          path: ['accounts', 'backup'],
          message: `must differ from accounts.${workload}: copies in the workload account do not survive a compromised workload administrator`,
          received: a.backup,
          allowed: `an account other than ${a[workload]}`,
        });
      }
    }
    if (estate.keyAdministration.breakGlassRole === undefined) {
      out.push({
        file: 'estate',
        path: ['keyAdministration'],
        message:
          'must name breakGlassRole when accounts are given: the only role that may disable or schedule deletion of the keys',
        allowed: 'keyAdministration: { adminRole: ..., breakGlassRole: <IAM role name> }',
      });
    }
  }
  const separate = a !== undefined && a.nonProduction !== a.production;
  if (estate.network.nonProduction !== undefined && !separate) {
    out.push({
      file: 'estate',
      path: ['network', 'nonProduction'],
      message:
        'is the VPC of a separate non-production account, but accounts.nonProduction is not one: non-production applications share the production VPC',
      allowed: 'leave network.nonProduction out, or name a separate accounts.nonProduction',
    });
  }
  const copy = estate.backup.copyRegion;
  if (copy !== undefined) {
    const allowed = estate.estate.allowedRegions ?? [UK_DEFAULT_REGION];
    if (!allowed.includes(copy)) {
      out.push({
        file: 'estate',
        path: ['backup', 'copyRegion'],
        message: 'is not in estate.allowedRegions: backup copies are council data',
        received: copy,
        allowed: allowed.join(', '),
      });
    } else if (copy === estate.estate.region) {
      out.push({
        file: 'estate',
        path: ['backup', 'copyRegion'],
        message: 'is the home region; a copy region must be another allowed region',
        received: copy,
        allowed:
          allowed.filter((r) => r !== estate.estate.region).join(', ') || 'none (add one to allowedRegions)',
      });
    }
  }
  return out;
};

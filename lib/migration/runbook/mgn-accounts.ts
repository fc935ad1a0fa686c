/**
 * The workload accounts holding a wave's mgn servers, for the runbook's `migrate` command lines:
 * one set of credentials reaches one account, so a plan with a separate non-production account
 * gets one command per account, with `--account <role>`. A single-account plan gets no flag.
 */
import type { EstateModel } from '../../estate-model';
import type { PlanServer } from '../../plan/plan';

export interface MgnAccountHint {
  /** `' --account <role>'`, or `''` when the plan has one workload account. */
  readonly flag: string;
  /** `' in the <role> account <id>'`, or `''`. */
  readonly where: string;
  readonly servers: readonly PlanServer[];
}

export function mgnAccountHints(model: EstateModel, mgn: readonly PlanServer[]): MgnAccountHint[] {
  const separate = model.accounts.length > 1;
  const roleOf = new Map(model.servers.map((s) => [s.id, s.account.role]));
  return model.accounts
    .map((account) => ({
      flag: separate ? ` --account ${account.role}` : '',
      where: separate ? ` in the ${account.role} account ${account.account}` : '',
      servers: mgn.filter((s) => roleOf.get(s.id) === account.role),
    }))
    .filter((hint) => hint.servers.length > 0);
}

/**
 * The servers of one workload account, as the estate model placed them. One set of credentials
 * reaches one account's MGN, EC2 and SSM, so the `migrate` commands act on one account at a time.
 */
import type { EstateModel, WorkloadAccount } from '../../estate-model';
import { estateStackName } from '../../shared/naming';

export interface AccountScope {
  /** The workload account (estate model): role, id and stack-name prefix. */
  readonly account: WorkloadAccount;
  /** Plan ids of the servers the estate model placed in it. */
  readonly serverIds: ReadonlySet<string>;
}

/** The scope of one of the model's workload accounts. */
export function accountScope(model: EstateModel, account: WorkloadAccount): AccountScope {
  const ids = model.servers.filter((s) => s.account.role === account.role).map((s) => s.id);
  return { account, serverIds: new Set(ids) };
}

/** The Migration stack of the scope's account (MGN templates, applications and waves). */
export function migrationStackName(estateId: string, scope: AccountScope): string {
  return estateStackName(estateId, `${scope.account.stackPrefix}Migration`);
}

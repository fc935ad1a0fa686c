import { UsageError, type ParsedArgs } from '../../command';
import type { EstateModel } from '../../../estate-model';
import type { PlanWave } from '../../../plan/plan';
import { accountScope, type AccountScope } from '../../../migration/mgn/account-scope';
import { mgnServersOf } from '../../../migration/mgn/configure-plan';
import { stringOption } from '../../private/options';

/** Help text of `--account`, shared by the `migrate` commands. */
export const ACCOUNT_OPTION_HELP = [
  '  --account ROLE   workload account the credentials reach: production (default) or',
  '                   non-production (a plan with a separate accounts.nonProduction); only that',
  "                   account's servers are read or changed",
];

/**
 * `--account production|non-production` (default production): one of the estate model's workload
 * accounts. With a wave, that account must hold some of the wave's mgn servers. Otherwise a usage
 * error (exit 2) naming the accounts that do.
 */
export function accountOption(
  model: EstateModel,
  args: ParsedArgs,
  wave: PlanWave | undefined,
): AccountScope {
  const role = stringOption(args, 'account') ?? 'production';
  const account = model.accounts.find((a) => a.role === role);
  if (!account) {
    throw new UsageError(
      `--account ${role}: not a workload account of this plan (one of: ${model.accounts.map((a) => a.role).join(', ')})`,
    );
  }
  const scope = accountScope(model, account);
  if (wave !== undefined && mgnServersOf(model, wave.id, scope).length === 0) {
    const holding = model.accounts
      .filter((a) => mgnServersOf(model, wave.id, accountScope(model, a)).length > 0)
      .map((a) => a.role);
    throw new UsageError(
      `--account ${role}: wave ${wave.id} has no mgn servers in the ${role} account (${account.account})${holding.length > 0 ? `; its mgn servers are in: ${holding.join(', ')}` : ''}`,
    );
  }
  return scope;
}

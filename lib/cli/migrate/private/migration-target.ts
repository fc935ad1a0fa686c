import type { ParsedArgs } from '../../command';
import { buildEstateModel, type EstateModel } from '../../../estate-model';
import type { AccountScope } from '../../../migration/mgn/account-scope';
import { mgnServersOf } from '../../../migration/mgn/configure-plan';
import type { Plan, PlanServer, PlanWave } from '../../../plan/plan';
import { accountOption } from './account-option';
import { waveOption } from '../../private/wave-option';

/** What a `migrate` command works on: the wave (if any), the account and their mgn servers. */
export interface MigrationTarget<W extends PlanWave | undefined> {
  readonly wave: W;
  readonly model: EstateModel;
  readonly scope: AccountScope;
  /** The mgn servers of the wave (or of every wave) in the account, in plan order. */
  readonly servers: readonly PlanServer[];
}

/**
 * `--wave` and `--account` of a loaded plan, read once for every `migrate` command: the estate
 * model decides each server's account, and the servers are listed once. Bad values are usage
 * errors (exit 2) from waveOption and accountOption.
 */
export function migrationTarget(plan: Plan, args: ParsedArgs, waveRequired: true): MigrationTarget<PlanWave>;
export function migrationTarget(
  plan: Plan,
  args: ParsedArgs,
  waveRequired: false,
): MigrationTarget<PlanWave | undefined>;
export function migrationTarget(
  plan: Plan,
  args: ParsedArgs,
  waveRequired: boolean,
): MigrationTarget<PlanWave | undefined> {
  const wave = waveRequired ? waveOption(plan, args, true) : waveOption(plan, args, false);
  const model = buildEstateModel(plan);
  const scope = accountOption(model, args, wave);
  return { wave, model, scope, servers: mgnServersOf(model, wave?.id, scope) };
}

import { UsageError, type ParsedArgs } from '../command';
import type { Plan, PlanWave } from '../../plan/plan';
import { stringOption } from './options';

/** `--wave ID`, required or optional; an unknown id is a usage error listing the plan's waves. */
export function waveOption(plan: Plan, args: ParsedArgs, required: true): PlanWave;
export function waveOption(plan: Plan, args: ParsedArgs, required: false): PlanWave | undefined;
export function waveOption(plan: Plan, args: ParsedArgs, required: boolean): PlanWave | undefined {
  const id = stringOption(args, 'wave');
  if (id === undefined) {
    if (required)
      throw new UsageError(`--wave is required (one of: ${plan.waves.map((w) => w.id).join(', ')})`);
    return undefined;
  }
  const wave = plan.waves.find((w) => w.id === id);
  if (!wave)
    throw new UsageError(
      `--wave ${id}: no such wave in the plan (one of: ${plan.waves.map((w) => w.id).join(', ')})`,
    );
  return wave;
}

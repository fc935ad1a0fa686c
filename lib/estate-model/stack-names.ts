/** Names of the wave stacks, from plan ids (never list positions): `<Estate>-Wave01-Pilot-Revenues`. */
import { estateStackName, pascalCase } from '../shared/naming';
import type { WaveStackAssignment } from './wave-assignment';

/** `Wave01-Pilot-Revenues`, with `-Part2` etc. for shards after the first. */
export function waveStackRole(
  assignment: Pick<WaveStackAssignment, 'shard'> & {
    readonly wave: { readonly id: string; readonly order: number };
    readonly application: { readonly id: string };
  },
): string {
  const order = String(assignment.wave.order).padStart(2, '0');
  const part = assignment.shard === 0 ? '' : `-Part${assignment.shard + 1}`;
  return `Wave${order}-${pascalCase(assignment.wave.id)}-${pascalCase(assignment.application.id)}${part}`;
}

/** The full stack name of a wave stack. */
export function waveStackName(estateId: string, role: string): string {
  return estateStackName(estateId, role);
}

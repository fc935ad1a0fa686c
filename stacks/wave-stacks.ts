import type { Construct } from 'constructs';
import type { KeyProvider, LandingZoneNetwork, LandingZoneSizing } from '../lib/compute';
import type { OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly, Plan } from '../lib/plan/plan';
import { BackupStack } from './backup-stack';
import { WaveAccessStack } from './wave-access-stack';
import { assignWaveStacks } from './wave-assignment';
import { WaveStack } from './wave-stack';

export interface LandingZoneStacksProps {
  readonly plan: Plan;
  readonly keys: KeyProvider;
  readonly network: LandingZoneNetwork & {
    /** On-premises ranges reachable from the VPC; `admin` ones may reach database ports. */
    readonly onPremisesRanges: readonly DeepReadonly<OnPremisesRange>[];
  };
  readonly sizing: LandingZoneSizing;
}

export interface LandingZoneStacks {
  readonly access: WaveAccessStack;
  readonly backup: BackupStack;
  /** In deployment order: wave order, then application id, then shard. */
  readonly waves: readonly WaveStack[];
}

/**
 * Adds the backup stack, the access stack and every wave stack. Each wave's stacks depend on the
 * previous wave's, so `cdk deploy --all` and `cdk ls` go wave by wave.
 */
export function addLandingZoneStacks(scope: Construct, props: LandingZoneStacksProps): LandingZoneStacks {
  const { plan } = props;
  const backup = new BackupStack(scope, { plan, keys: props.keys });
  const access = new WaveAccessStack(scope, { plan, vpc: props.network.vpc });
  const adminRanges = props.network.onPremisesRanges.filter((r) => r.purpose === 'admin');
  const waves: WaveStack[] = [];
  let previousWave: WaveStack[] = [];
  let currentWave: WaveStack[] = [];
  let currentWaveId: string | undefined;
  for (const assignment of assignWaveStacks(plan)) {
    if (assignment.wave.id !== currentWaveId) {
      if (currentWave.length > 0) previousWave = currentWave;
      currentWave = [];
      currentWaveId = assignment.wave.id;
    }
    const stack = new WaveStack(scope, {
      plan,
      assignment,
      network: props.network,
      keys: props.keys,
      applicationSecurityGroup: access.groups.groupFor(assignment.application.id),
      adminRanges,
      sizing: props.sizing,
    });
    stack.addStackDependency(backup, 'backup plans select the wave resources by tag');
    for (const earlier of previousWave) stack.addStackDependency(earlier, 'waves deploy in order');
    currentWave.push(stack);
    waves.push(stack);
  }
  return { access, backup, waves };
}

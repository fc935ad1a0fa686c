import { Construct } from 'constructs';
import { StatusCheckRecovery } from '../compute/status-check-recovery';
import type { PlanServer } from '../plan/plan';
import type { AdoptedServer } from '../plan/migration-state';

/** Properties of an {@link MgnServerLanding}. */
export interface MgnServerLandingProps {
  readonly server: PlanServer;
  /**
   * The instance MGN launched at cut-over, once `migrate adopt` recorded it in migration-state.yaml.
   * @default - not launched yet: nothing to manage
   */
  readonly adopted?: Readonly<AdoptedServer>;
  /** Tenancy from the licensing decision (Dedicated Host instances reboot instead of recover). */
  readonly tenancy: 'default' | 'host';
}

/**
 * The landing of a server that moves with AWS MGN. The stack never creates (so can never replace or
 * reboot) its instance: MGN launches it from the replicated disks, with the launch settings
 * `migrate configure` sets from the plan (subnet, security group, instance profile, tags that select
 * the backup plan). After cut-over, `migrate adopt` records the instance id and this construct
 * brings it under management by reference only: the status-check recovery alarm. Termination
 * protection is set by `migrate adopt` on the instance itself.
 */
export class MgnServerLanding extends Construct {
  readonly instanceId?: string;

  constructor(scope: Construct, id: string, props: MgnServerLandingProps) {
    super(scope, id);
    if (props.adopted && props.adopted.server !== props.server.id) {
      throw new Error(`Adopted record for "${props.adopted.server}" given to server "${props.server.id}"`);
    }
    if (props.adopted) {
      this.instanceId = props.adopted.instanceId;
      new StatusCheckRecovery(this, 'Recovery', {
        instanceId: props.adopted.instanceId,
        serverId: props.server.id,
        tenancy: props.tenancy,
      });
    }
  }
}

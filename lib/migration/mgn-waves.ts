import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';
import { constructIdFor } from '../shared/naming';
import type { PlanApplication, PlanWave } from '../plan/plan';

/** Properties of {@link MgnWaves}. */
export interface MgnWavesProps {
  /** Applications that have at least one `mgn` server. */
  readonly applications: readonly PlanApplication[];
  /** Waves that have at least one `mgn` server, in wave order. */
  readonly waves: readonly PlanWave[];
}

/** MGN's name for a plan application or wave: the plan id, so the CLI finds it again. */
export function mgnNameFor(id: string): string {
  return id;
}

/**
 * `AWS::MGN::Application` per plan application and `AWS::MGN::Wave` per plan wave that moves
 * servers with MGN. Named by plan id; source servers are associated with them by `migrate
 * configure` (CloudFormation has no association resource).
 */
export class MgnWaves extends Construct {
  readonly applications: ReadonlyMap<string, mgn.CfnApplication>;
  readonly waves: ReadonlyMap<string, mgn.CfnWave>;

  constructor(scope: Construct, id: string, props: MgnWavesProps) {
    super(scope, id);
    const applications = new Map<string, mgn.CfnApplication>();
    for (const app of props.applications) {
      applications.set(
        app.id,
        new mgn.CfnApplication(this, `App${constructIdFor(app.id)}`, {
          name: mgnNameFor(app.id),
          description: `${app.name} (owner ${app.owner})`,
        }),
      );
    }
    const waves = new Map<string, mgn.CfnWave>();
    for (const wave of props.waves) {
      waves.set(
        wave.id,
        new mgn.CfnWave(this, `Wave${constructIdFor(wave.id)}`, {
          name: mgnNameFor(wave.id),
          description: `Wave ${wave.order}: ${wave.name}, cut-over ${wave.cutover}`,
        }),
      );
    }
    this.applications = applications;
    this.waves = waves;
  }
}

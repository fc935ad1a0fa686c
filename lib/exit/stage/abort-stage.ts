/**
 * `exit stage --abort`: removes everything a staging run made (workers, volumes, snapshots and the
 * staged images not yet exported), found by the run's tags as well as its state, and marks the
 * servers aborted.
 */
import { DeregisterImageCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { errorName, findImageByName } from './private/ec2-steps';
import { discardStaging } from './run-stage';
import type { StageRunState } from './stage-state';

export async function abortStage(
  state: StageRunState,
  ec2: EC2Client,
  sleep: (ms: number) => Promise<void>,
  print: (line: string) => void,
  pollMs = 15_000,
): Promise<StageRunState> {
  const servers = [];
  for (const s of state.servers) {
    if (s.phase === 'not-needed' || s.phase === 'data-only') {
      servers.push(s);
      continue;
    }
    const imageId = s.imageId ?? (await findImageByName(ec2, s.imageName))?.id;
    if (imageId) {
      await ec2.send(new DeregisterImageCommand({ ImageId: imageId })).catch((e) => {
        if (errorName(e) !== 'InvalidAMIID.NotFound') throw e;
      });
    }
    await discardStaging(ec2, state.runId, s, true, sleep, pollMs, 480);
    print(
      `  ${s.id}: aborted; its worker, volumes, snapshots${imageId ? ` and image ${imageId}` : ''} are deleted\n`,
    );
    servers.push({
      ...s,
      phase: 'aborted' as const,
      imageId: undefined,
      workerId: undefined,
      commandId: undefined,
    });
  }
  return { ...state, servers };
}

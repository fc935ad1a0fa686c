/**
 * Termination protection for adopted servers, through the real EC2 client: DescribeInstanceAttribute
 * first, ModifyInstanceAttribute (DisableApiTermination) only when it is off, so a re-run changes
 * nothing. One failing instance is reported and the others continue; a dry run only reads.
 */
import {
  DescribeInstanceAttributeCommand,
  ModifyInstanceAttributeCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

export interface ProtectionOutcome {
  readonly server: string;
  readonly instanceId: string;
  readonly state: 'already on' | 'turned on' | 'would turn on' | 'failed';
  readonly error?: string;
}

export async function protectInstances(
  client: EC2Client,
  instances: readonly { readonly server: string; readonly instanceId: string }[],
  dryRun: boolean,
  progress: (outcome: ProtectionOutcome) => void,
): Promise<ProtectionOutcome[]> {
  const outcomes: ProtectionOutcome[] = [];
  for (const { server, instanceId } of instances) {
    let outcome: ProtectionOutcome;
    try {
      const r = await client.send(
        new DescribeInstanceAttributeCommand({ InstanceId: instanceId, Attribute: 'disableApiTermination' }),
      );
      if (r.DisableApiTermination?.Value === true) outcome = { server, instanceId, state: 'already on' };
      else if (dryRun) outcome = { server, instanceId, state: 'would turn on' };
      else {
        await client.send(
          new ModifyInstanceAttributeCommand({
            InstanceId: instanceId,
            DisableApiTermination: { Value: true },
          }),
        );
        outcome = { server, instanceId, state: 'turned on' };
      }
    } catch (e) {
      const error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      outcome = { server, instanceId, state: 'failed', error };
    }
    progress(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

/**
 * `--dry-run`: for each server, the calls the run would make, sent with the API's DryRun flag
 * (EC2 answers DryRunOperation when the call would have succeeded, UnauthorizedOperation when
 * the caller lacks permission). Reads (finding the instance or the staged image) are real; nothing
 * is created and no state is written.
 */
import { CreateImageCommand, ExportImageCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ExportRunState } from './export-state';
import { findInstance, findStagedImage } from './private/find';

export interface DryRunLine {
  readonly server: string;
  readonly call: string;
  readonly wouldSucceed: boolean;
  readonly detail: string;
}

/** A placeholder image for ExportImage's permission check when no image exists yet. */
const PLACEHOLDER_AMI = 'ami-00000000000000000';

async function dryRun(
  ec2: EC2Client,
  command: CreateImageCommand | ExportImageCommand,
): Promise<[boolean, string]> {
  try {
    await ec2.send(command as ExportImageCommand);
    return [false, 'the API ignored DryRun and answered; nothing should have been created'];
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    const text = (e as { message?: string }).message ?? String(e);
    return name === 'DryRunOperation' ? [true, 'would succeed'] : [false, `${name}: ${text}`];
  }
}

export async function dryRunExport(state: ExportRunState, ec2: EC2Client): Promise<DryRunLine[]> {
  const lines: DryRunLine[] = [];
  for (const s of state.servers) {
    const found =
      s.route === 'image-export'
        ? { instanceId: await findInstance(ec2, s.id, state.estate), imageId: undefined }
        : { instanceId: undefined, imageId: (await findStagedImage(ec2, s.id)).imageId };
    if (s.route === 'image-export') {
      if (!found.instanceId) {
        lines.push({
          server: s.id,
          call: 'DescribeInstances',
          wouldSucceed: false,
          detail: `no instance tagged ServerId=${s.id}`,
        });
        continue;
      }
      const [ok, detail] = await dryRun(
        ec2,
        new CreateImageCommand({
          InstanceId: found.instanceId,
          Name: s.imageName,
          NoReboot: true,
          DryRun: true,
        }),
      );
      lines.push({ server: s.id, call: `CreateImage ${found.instanceId}`, wouldSucceed: ok, detail });
    } else if (!found.imageId) {
      lines.push({
        server: s.id,
        call: 'DescribeImages tag:ExitStagedFor',
        wouldSucceed: false,
        detail: 'not staged yet: run the staging steps in the exit runbook',
      });
    }
    const [ok, detail] = await dryRun(
      ec2,
      new ExportImageCommand({
        ImageId: found.imageId ?? PLACEHOLDER_AMI,
        DiskImageFormat: state.format.toUpperCase() as 'VMDK',
        S3ExportLocation: { S3Bucket: state.bucket, S3Prefix: s.exportPrefix },
        RoleName: state.roleName,
        ClientToken: s.clientToken,
        DryRun: true,
      }),
    );
    lines.push({
      server: s.id,
      call: `ExportImage to s3://${state.bucket}/${s.exportPrefix}`,
      wouldSucceed: ok,
      detail,
    });
  }
  return lines;
}

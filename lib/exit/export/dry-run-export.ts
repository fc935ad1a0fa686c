/**
 * `--dry-run`: for each server, its real exportability, and the calls the run would make sent
 * with the API's DryRun flag (EC2 answers DryRunOperation when the call would have succeeded,
 * UnauthorizedOperation when the caller lacks permission). The route is confirmed against the
 * account first (instance, volumes, licence: route-facts.ts); ExportImage is checked with a real
 * image only (the staged image, when there is one): a made-up image id would only test the
 * permission, not the export. Nothing is created and no state is written.
 */
import { CreateImageCommand, ExportImageCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ExportRunState } from './export-state';
import { findStagedImage, readInstanceFacts } from '../private/find';
import { confirmRoute } from './route-facts';

export interface DryRunLine {
  readonly server: string;
  readonly call: string;
  readonly wouldSucceed: boolean;
  readonly detail: string;
}

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

function message(e: unknown): string {
  return (e as { message?: string }).message ?? String(e);
}

export async function dryRunExport(state: ExportRunState, ec2: EC2Client): Promise<DryRunLine[]> {
  const lines: DryRunLine[] = [];
  for (const s of state.servers) {
    const planned = s.plannedRoute ?? s.route;
    let facts;
    try {
      facts = await readInstanceFacts(ec2, s.id, state.region);
    } catch (e) {
      lines.push({ server: s.id, call: 'DescribeInstances', wouldSucceed: false, detail: message(e) });
      continue;
    }
    const confirmed = confirmRoute(s.id, planned, facts);
    if (confirmed.route === 'refused') {
      lines.push({ server: s.id, call: 'route', wouldSucceed: false, detail: confirmed.reason });
      continue;
    }
    lines.push({
      server: s.id,
      call: 'route',
      wouldSucceed: true,
      detail: `${confirmed.route} (${facts.volumes.length} volume(s), ${facts.volumes.filter((v) => v.encrypted).length} encrypted)${confirmed.note ? `: ${confirmed.note}` : ''}`,
    });
    if (confirmed.route === 'image-export') {
      const [ok, detail] = await dryRun(
        ec2,
        new CreateImageCommand({
          InstanceId: facts.instanceId,
          Name: s.imageName,
          NoReboot: true,
          DryRun: true,
        }),
      );
      lines.push({ server: s.id, call: `CreateImage ${facts.instanceId}`, wouldSucceed: ok, detail });
      lines.push({
        server: s.id,
        call: 'ExportImage',
        wouldSucceed: ok,
        detail: ok
          ? 'checked after CreateImage (no image exists before it); its volumes are unencrypted and its licence allows export'
          : 'not reached',
      });
      continue;
    }
    const imageId = (await findStagedImage(ec2, s.id)).imageId;
    if (!imageId) {
      lines.push({
        server: s.id,
        call: 'DescribeImages tag:ExitStagedFor',
        wouldSucceed: false,
        detail: `not staged yet: npm run estate -- exit stage --server ${s.id}`,
      });
      continue;
    }
    const [ok, detail] = await dryRun(
      ec2,
      new ExportImageCommand({
        ImageId: imageId,
        DiskImageFormat: state.format.toUpperCase() as 'VMDK',
        S3ExportLocation: { S3Bucket: state.bucket, S3Prefix: s.exportPrefix },
        RoleName: state.roleName,
        ClientToken: s.clientToken,
        DryRun: true,
      }),
    );
    lines.push({
      server: s.id,
      call: `ExportImage ${imageId} to s3://${state.bucket}/${s.exportPrefix}`,
      wouldSucceed: ok,
      detail,
    });
  }
  return lines;
}

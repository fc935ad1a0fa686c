/**
 * AWS public SSM parameters (x86_64) that `images refresh` reads to pin each named base image.
 * Windows and Amazon Linux parameters are published by AWS, Ubuntu's by Canonical. RHEL has none
 * here: its public parameter paths could not be confirmed against AWS documentation, so RHEL base
 * images are pinned by hand in image-lock.yaml (`source: manual`) or given as `importedImageId`.
 * Synth never reads these: only the lock file.
 */
import type { BaseImage } from '../plan/schema';

export const BASE_IMAGE_PARAMETERS: Readonly<Partial<Record<BaseImage, string>>> = {
  'windows-server-2016': '/aws/service/ami-windows-latest/Windows_Server-2016-English-Full-Base',
  'windows-server-2019': '/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base',
  'windows-server-2022': '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
  'amazon-linux-2023': '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  'ubuntu-22.04': '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id',
  'ubuntu-24.04': '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id',
};

/**
 * The block copy the worker runs through SSM Run Command (document AWS-RunShellScript). On Nitro
 * instances EBS volumes are NVMe devices whose serial is the volume id, so the script finds each
 * volume by `/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_vol<id>` (Amazon EBS User Guide,
 * "Amazon EBS and NVMe"), never by a device name that could differ. Each pair is copied with dd,
 * then both sides are hashed (SHA-256) and the script prints one line per volume:
 * `copied <source volume> <target volume> <source sha256> <target sha256> <bytes>`.
 */
import type { StagedVolume } from './stage-state';

export function copyScript(volumes: readonly StagedVolume[]): string[] {
  return [
    'set -euo pipefail',
    'dev() { echo "/dev/disk/by-id/nvme-Amazon_Elastic_Block_Store_${1/-/}"; }',
    'copy_volume() {',
    '  src=$(dev "$1"); dst=$(dev "$2")',
    '  for d in "$src" "$dst"; do for i in $(seq 1 90); do [ -b "$d" ] && break; sleep 2; done; [ -b "$d" ] || { echo "no block device $d" >&2; exit 1; }; done',
    '  bytes=$(blockdev --getsize64 "$src")',
    '  dd if="$src" of="$dst" bs=16M conv=fsync status=none',
    '  sha256sum "$src" | cut -d" " -f1 > "/tmp/$1.sha" &',
    '  t=$(head -c "$bytes" "$dst" | sha256sum | cut -d" " -f1)',
    '  wait',
    '  echo "copied $1 $2 $(cat "/tmp/$1.sha") $t $bytes"',
    '}',
    ...volumes.map((v) => `copy_volume ${v.copyVolumeId} ${v.targetVolumeId}`),
  ];
}

export interface CopyResult {
  readonly source: string;
  readonly target: string;
  readonly sourceSha256: string;
  readonly targetSha256: string;
  readonly bytes: number;
}

/** The `copied ...` lines of the command's standard output. */
export function parseCopyOutput(stdout: string): CopyResult[] {
  const out: CopyResult[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^copied (vol-[0-9a-f]+) (vol-[0-9a-f]+) ([0-9a-f]{64}) ([0-9a-f]{64}) (\d+)$/.exec(
      line.trim(),
    );
    if (m)
      out.push({
        source: m[1]!,
        target: m[2]!,
        sourceSha256: m[3]!,
        targetSha256: m[4]!,
        bytes: Number(m[5]),
      });
  }
  return out;
}

/**
 * A server's exit route confirmed against the account before anything is sent: the plan's route
 * is the expectation, the account's instance, volumes and source image are the truth.
 *
 * VM Import/Export User Guide, "Considerations for image export"
 * (https://docs.aws.amazon.com/vm-import/latest/userguide/limits-image-export.html) and
 * "VM Import/Export requirements for exporting":
 * - an image with encrypted EBS snapshots in its block device mapping cannot be exported (whatever
 *   the key: AWS-managed or customer-managed); staging copies it onto unencrypted volumes first;
 * - an image that contains third-party software provided by AWS cannot be exported: Windows or
 *   SQL Server licence-included images, or an image made from an AWS Marketplace image. Nothing
 *   makes those exportable: the server leaves as data (its runbook's data-export steps);
 * - only the EBS volumes in the block device mapping are exported (CreateImage of the instance
 *   maps every attached EBS volume; a staged image must map every data volume itself).
 */

export interface VolumeFacts {
  readonly volumeId: string;
  /** Device name on the instance, e.g. `/dev/xvda`, `/dev/sdf`. */
  readonly device: string;
  readonly sizeGiB: number;
  readonly encrypted: boolean;
  /** The KMS key of an encrypted volume. */
  readonly kmsKeyId?: string;
  readonly volumeType?: string;
}

export interface InstanceFacts {
  readonly instanceId: string;
  readonly availabilityZone: string;
  /** The AMI the instance was launched from. */
  readonly imageId?: string;
  readonly rootDeviceName: string;
  readonly architecture: string;
  /** `legacy-bios`, `uefi` or `uefi-preferred` (absent: the AMI's default, legacy-bios). */
  readonly bootMode?: string;
  /** e.g. `Linux/UNIX`, `Windows`, `Windows BYOL`, `SQL Server Standard`. */
  readonly platformDetails?: string;
  /** Billing code: `RunInstances` (Linux/UNIX), `RunInstances:0002` (Windows), `RunInstances:0800` (Windows BYOL)... */
  readonly usageOperation?: string;
  /** Product codes of the instance (a `marketplace` code means an AWS Marketplace image). */
  readonly marketplace: boolean;
  readonly volumes: readonly VolumeFacts[];
}

export type ConfirmedRoute =
  | { readonly route: 'image-export' | 'staged-export'; readonly note?: string }
  | { readonly route: 'refused'; readonly reason: string };

/** Billing codes of images without AWS-provided licensed software (Linux/UNIX, Windows BYOL). */
const UNLICENSED_OPERATIONS = new Set(['RunInstances', 'RunInstances:0800']);

/** True when AWS provides licensed software in the image (VM Export refuses it). */
export function licenceIncluded(f: InstanceFacts): string | undefined {
  if (f.marketplace) return 'it was launched from an AWS Marketplace image';
  if (f.usageOperation !== undefined && !UNLICENSED_OPERATIONS.has(f.usageOperation)) {
    return `its image includes software licensed through AWS (${f.platformDetails ?? f.usageOperation}, billing code ${f.usageOperation})`;
  }
  if (
    f.usageOperation === undefined &&
    f.platformDetails &&
    !/^(Linux\/UNIX|Windows BYOL)$/.test(f.platformDetails)
  ) {
    return `its image includes software licensed through AWS (${f.platformDetails})`;
  }
  return undefined;
}

/**
 * The route the account allows, with a note when it differs from the plan's.
 * @param planned the exit plan's route for the server
 */
export function confirmRoute(server: string, planned: string, f: InstanceFacts): ConfirmedRoute {
  const licence = licenceIncluded(f);
  if (licence) {
    return {
      route: 'refused',
      reason: `${server} cannot be exported as an image: ${licence}; VM Export refuses such images ("Considerations for image export"). It leaves as data: follow its data-export steps in the exit runbook`,
    };
  }
  if (f.volumes.length === 0) {
    return { route: 'refused', reason: `${server} (${f.instanceId}) has no EBS volume to export` };
  }
  const encrypted = f.volumes.filter((v) => v.encrypted);
  const route = encrypted.length > 0 ? 'staged-export' : 'image-export';
  if (route === planned) return { route };
  const note =
    route === 'image-export'
      ? `the plan expects ${planned}, but none of its ${f.volumes.length} volume(s) is encrypted: exporting without staging`
      : `the plan expects ${planned}, but ${encrypted.map((v) => `${v.volumeId} (${v.device}${v.kmsKeyId ? `, key ${v.kmsKeyId}` : ''})`).join(', ')} ${encrypted.length === 1 ? 'is' : 'are'} encrypted: VM Export refuses encrypted snapshots, so it needs staging (npm run estate -- exit stage --server ${server})`;
  return { route, note };
}

/**
 * The EC2 launch template MGN launches a source server with, as the estate model wants it (pure):
 * instance type from the model, the subnet of the model's placement and the application's security
 * group (from the landing zone's published launch target), the wave stack's instance profile, every
 * EBS volume encrypted with the estate CMK, and the model's tags on the instance and its volumes.
 * Only these fields are compared and written; everything else MGN put in the template (its disk
 * mappings, device names, sizes) is kept, so a second run finds nothing to change.
 */
import type {
  LaunchTemplateBlockDeviceMapping,
  LaunchTemplateTagSpecification,
  RequestLaunchTemplateData,
  ResponseLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import type { MgnLaunchTarget } from '../mgn-launch-target';

export interface WantedLaunchTemplate {
  /** From the estate model's size decision. */
  readonly instanceType: string;
  /** From the wave stack that lands the server. */
  readonly target: MgnLaunchTarget;
  /** The model's tags for the server (they select its backup plan). */
  readonly tags: Readonly<Record<string, string>>;
}

/** The default version of a server's MGN launch template, as DescribeLaunchTemplateVersions gave it. */
export interface CurrentLaunchTemplate {
  readonly launchTemplateId: string;
  readonly versionNumber: number;
  readonly data: ResponseLaunchTemplateData;
}

const TAGGED = ['instance', 'volume'] as const;

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

function tagsOf(spec: LaunchTemplateTagSpecification | undefined): Record<string, string> {
  return Object.fromEntries((spec?.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

function specFor(data: ResponseLaunchTemplateData, type: string): LaunchTemplateTagSpecification | undefined {
  return (data.TagSpecifications ?? []).find((s) => s.ResourceType === type);
}

/** What differs between the template and the model, in words (empty: nothing to change). */
export function launchTemplateDifferences(
  wanted: WantedLaunchTemplate,
  current: ResponseLaunchTemplateData,
): string[] {
  const out: string[] = [];
  if (current.InstanceType !== wanted.instanceType)
    out.push(`instance type ${current.InstanceType ?? 'unset'} -> ${wanted.instanceType}`);
  if (current.IamInstanceProfile?.Arn !== wanted.target.instanceProfileArn) out.push('instance profile');
  const nics = current.NetworkInterfaces ?? [];
  const nic = nics[0];
  if (nics.length !== 1 || !nic || (nic.DeviceIndex ?? 0) !== 0 || nic.SubnetId !== wanted.target.subnetId)
    out.push(`subnet ${nic?.SubnetId ?? 'unset'} -> ${wanted.target.subnetId}`);
  else if (sorted(nic.Groups ?? []).join(',') !== sorted(wanted.target.securityGroupIds).join(','))
    out.push('security groups');
  if (nic && nic.AssociatePublicIpAddress !== false && !out.some((d) => d.startsWith('subnet')))
    out.push('public IP address');
  const unencrypted = (current.BlockDeviceMappings ?? []).filter(
    (m) => m.Ebs && (m.Ebs.Encrypted !== true || m.Ebs.KmsKeyId !== wanted.target.ebsKeyArn),
  );
  if (unencrypted.length > 0)
    out.push(`EBS key on ${unencrypted.map((m) => m.DeviceName ?? '?').join(', ')}`);
  for (const type of TAGGED) {
    const have = tagsOf(specFor(current, type));
    if (Object.entries(wanted.tags).some(([k, v]) => have[k] !== v)) out.push(`${type} tags`);
  }
  return out;
}

function encrypted(m: LaunchTemplateBlockDeviceMapping, keyArn: string): LaunchTemplateBlockDeviceMapping {
  if (!m.Ebs) return m;
  const { KmsKeyId: _key, Encrypted: _encrypted, ...ebs } = m.Ebs;
  return { ...m, Ebs: { ...ebs, Encrypted: true, KmsKeyId: keyArn } };
}

/** The fields of the new template version (based on the current default version). */
export function launchTemplateRequest(
  wanted: WantedLaunchTemplate,
  current: ResponseLaunchTemplateData,
): RequestLaunchTemplateData {
  const nic = current.NetworkInterfaces?.[0];
  return {
    InstanceType: wanted.instanceType as RequestLaunchTemplateData['InstanceType'],
    IamInstanceProfile: { Arn: wanted.target.instanceProfileArn },
    NetworkInterfaces: [
      {
        DeviceIndex: 0,
        SubnetId: wanted.target.subnetId,
        Groups: sorted(wanted.target.securityGroupIds),
        AssociatePublicIpAddress: false,
        DeleteOnTermination: nic?.DeleteOnTermination ?? true,
      },
    ],
    BlockDeviceMappings: (current.BlockDeviceMappings ?? []).map((m) =>
      encrypted(m, wanted.target.ebsKeyArn),
    ),
    TagSpecifications: TAGGED.map((type) => {
      const tags = { ...tagsOf(specFor(current, type)), ...wanted.tags };
      return {
        ResourceType: type,
        Tags: Object.keys(tags)
          .sort()
          .map((Key) => ({ Key, Value: tags[Key]! })),
      };
    }),
  };
}

/**
 * The contract between the landing zone and `migrate configure` for an `mgn` server's EC2 launch
 * template. CloudFormation decides the subnet, security group, instance profile and key ids at
 * deploy time, so the CLI cannot derive them from the plan alone. The wave stack that lands the
 * server publishes them, once per server, as a plain SSM String parameter at a deterministic name
 * (`/estate/<estate id>/mgn-launch-target/<server id>`); the CLI reads it with GetParameters.
 *
 * Why SSM parameters and not EC2 Describe* by tag: one exact read per server (no tag conventions on
 * four resource types to keep in step, no ambiguity when two stacks share a tag), the values are
 * the very references the stack used (the subnet of the model's placement, the application's
 * security group, the stack's instance profile, the estate CMK of the application's
 * classification), and the parameter goes away with the stack. They are ids, not secrets.
 * This file holds no CDK code so the CLI can read the contract without the construct library.
 */

/** What an `mgn` server's launched instance needs, as the landing zone deployed it. */
export interface MgnLaunchTarget {
  /** Subnet in the availability zone the estate model placed the server in. */
  readonly subnetId: string;
  /** The application's server security group. */
  readonly securityGroupIds: readonly string[];
  /** Instance profile of the wave stack (SSM and CloudWatch agents only). */
  readonly instanceProfileArn: string;
  /** Customer-managed key for the server's EBS volumes (the application's classification). */
  readonly ebsKeyArn: string;
}

/** SSM parameter name holding a server's {@link MgnLaunchTarget} as JSON. */
export function mgnLaunchTargetParameterName(estateId: string, serverId: string): string {
  return `/estate/${estateId}/mgn-launch-target/${serverId}`;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x !== '');
}

/** Parses a published parameter value; a string says what is wrong with it. */
export function parseMgnLaunchTarget(text: string): MgnLaunchTarget | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof value !== 'object' || value === null) return 'not a JSON object';
  const v = value as Record<string, unknown>;
  for (const key of ['subnetId', 'instanceProfileArn', 'ebsKeyArn']) {
    if (typeof v[key] !== 'string' || v[key] === '') return `"${key}" missing`;
  }
  if (!isStringArray(v.securityGroupIds) || v.securityGroupIds.length === 0)
    return '"securityGroupIds" missing';
  return {
    subnetId: v.subnetId as string,
    securityGroupIds: v.securityGroupIds,
    instanceProfileArn: v.instanceProfileArn as string,
    ebsKeyArn: v.ebsKeyArn as string,
  };
}

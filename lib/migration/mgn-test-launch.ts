/**
 * Where MGN test instances launch: the server's own subnet but a dedicated security group that
 * admits nothing and lets out only HTTPS to the VPC's service endpoints (Systems Manager for the
 * post-launch actions, S3) — never on-premises, never another server. A domain-joined test copy
 * therefore cannot reach the domain controllers while the source is still live. `migrate test`
 * swaps this group into each server's EC2 launch template before StartTest; `migrate cutover`
 * puts the production group back before StartCutover. Published as an SSM String parameter (like
 * the launch targets, mgn-launch-target.ts). No CDK code: the CLI reads it.
 */

/** What `migrate test` places test instances in. */
export interface MgnTestLaunch {
  readonly securityGroupIds: readonly string[];
}

/** SSM parameter name of an account's {@link MgnTestLaunch}. */
export function mgnTestLaunchParameterName(estateId: string): string {
  return `/estate/${estateId}/mgn-test-launch`;
}

/** Parses the published value; a string says what is wrong with it. */
export function parseMgnTestLaunch(text: string): MgnTestLaunch | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  const groups = (value as { securityGroupIds?: unknown } | null)?.securityGroupIds;
  if (
    !Array.isArray(groups) ||
    groups.length === 0 ||
    !groups.every((g) => typeof g === 'string' && g !== '')
  )
    return '"securityGroupIds" missing';
  return { securityGroupIds: groups as string[] };
}

/**
 * The name of a DMS on-premises source secret: `<estate>/dms-source/<database>`. The council's DBA
 * creates the secret under this name before the wave is deployed (docs/organisation.md, "The DMS
 * source secret"); the stack only refers to it (DMS endpoint, access role, resource policy) and
 * `estate preflight` looks it up. No CDK code: the construct, the preflight and the runbook share it.
 */
export function dmsSourceSecretName(estateId: string, databaseId: string): string {
  return `${estateId}/dms-source/${databaseId}`;
}

/**
 * The IAM resource pattern of a secret by name: Secrets Manager adds "the final hyphen and six
 * random characters" to every secret's ARN when it creates the secret (Secrets Manager API
 * Reference, SecretId: "Finding a secret from a partial ARN"), so `<name>-??????` matches exactly
 * that secret and not another whose name merely starts with it.
 */
export function secretArnPattern(partition: string, region: string, account: string, name: string): string {
  return `arn:${partition}:secretsmanager:${region}:${account}:secret:${name}-??????`;
}

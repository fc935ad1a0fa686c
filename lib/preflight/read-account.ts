/**
 * Reads what the preflight needs from the target account, read-only, with the SDK clients it is
 * given (the CLI builds them; tests point them at local endpoints). Documented "absent" answers
 * become facts: EC2 DescribeImages with an `image-id` filter omits unknown ids (the `ImageIds`
 * parameter would fail the whole call with InvalidAMIID.NotFound); SSM GetParameter raises
 * ParameterNotFound and GetDocument InvalidDocument; IAM GetRole raises NoSuchEntity; Security Hub
 * DescribeHub raises InvalidAccessException when the account is not subscribed; MGN raises
 * UninitializedAccountException before InitializeService; Service Quotas GetServiceQuota raises
 * NoSuchResourceException for a quota with no applied value, when GetAWSDefaultServiceQuota gives
 * the default; Secrets Manager DescribeSecret raises ResourceNotFoundException for a secret that
 * does not exist. Any other error is thrown as it is.
 */
import { DescribeImagesCommand, DescribeRegionsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { ListDetectorsCommand, type GuardDutyClient } from '@aws-sdk/client-guardduty';
import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import { DescribeReplicationConfigurationTemplatesCommand, type MgnClient } from '@aws-sdk/client-mgn';
import { DescribeHubCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import { GetDocumentCommand, GetParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { DescribeSecretCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  quotaKey,
  SESSION_MANAGER_DOCUMENT,
  VMIMPORT_ROLE,
  type AccountFacts,
  type ImageFact,
  type SecretFact,
} from './account-facts';
import type { PreflightNeeds } from './preflight-needs';

export interface PreflightClients {
  /** EC2 in the home region. */
  readonly ec2: EC2Client;
  /** SSM in a region (the bootstrap parameter is regional). */
  readonly ssm: (region: string) => SSMClient;
  readonly serviceQuotas: ServiceQuotasClient;
  readonly guardDuty: GuardDutyClient;
  readonly securityHub: SecurityHubClient;
  readonly iam: IAMClient;
  readonly mgn: MgnClient;
  /** Secrets Manager in the home region. */
  readonly secretsManager: SecretsManagerClient;
}

const errorName = (e: unknown): string => (e instanceof Error ? e.name : '');

async function absentOn<T>(names: readonly string[], call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (names.includes(errorName(e))) return undefined;
    throw e;
  }
}

async function readImages(ec2: EC2Client, ids: readonly string[]): Promise<Map<string, ImageFact>> {
  const found = new Map<string, ImageFact>();
  for (let i = 0; i < ids.length; i += 200) {
    let NextToken: string | undefined;
    do {
      const page = await ec2.send(
        new DescribeImagesCommand({
          Filters: [{ Name: 'image-id', Values: ids.slice(i, i + 200) }],
          IncludeDeprecated: true,
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      for (const img of page.Images ?? [])
        if (img.ImageId)
          found.set(img.ImageId, { state: img.State ?? 'unknown', ownerId: img.OwnerId ?? '' });
      NextToken = page.NextToken;
    } while (NextToken);
  }
  return found;
}

export async function readAccountFacts(
  needs: PreflightNeeds,
  clients: PreflightClients,
  opts: { readonly qualifier: string },
): Promise<AccountFacts> {
  const images = await readImages(
    clients.ec2,
    needs.images.filter((i) => !i.illustrative).map((i) => i.imageId),
  );
  const regionsOut = await clients.ec2.send(
    new DescribeRegionsCommand({ AllRegions: true, RegionNames: [...needs.regions] }),
  );
  const regions = new Map(
    (regionsOut.Regions ?? []).map((r) => [r.RegionName ?? '', r.OptInStatus ?? 'opt-in-not-required']),
  );
  const bootstrapVersions = new Map<string, number>();
  for (const region of needs.regions) {
    const out = await absentOn(['ParameterNotFound'], () =>
      clients.ssm(region).send(new GetParameterCommand({ Name: `/cdk-bootstrap/${opts.qualifier}/version` })),
    );
    const value = Number(out?.Parameter?.Value);
    if (out && Number.isFinite(value)) bootstrapVersions.set(region, value);
  }
  const quotas = new Map<string, number>();
  for (const q of needs.quotas) {
    const input = { ServiceCode: q.serviceCode, QuotaCode: q.quotaCode };
    const applied = await absentOn(['NoSuchResourceException'], () =>
      clients.serviceQuotas.send(new GetServiceQuotaCommand(input)),
    );
    const quota =
      applied?.Quota ??
      (
        await absentOn(['NoSuchResourceException'], () =>
          clients.serviceQuotas.send(new GetAWSDefaultServiceQuotaCommand(input)),
        )
      )?.Quota;
    if (quota?.Value !== undefined) quotas.set(quotaKey(q.serviceCode, q.quotaCode), quota.Value);
  }
  let mgnInitialised: boolean | undefined;
  if (needs.mgnServers.length > 0) {
    const out = await absentOn(['UninitializedAccountException'], () =>
      clients.mgn.send(new DescribeReplicationConfigurationTemplatesCommand({})),
    );
    mgnInitialised = out !== undefined;
  }
  const detectors = await clients.guardDuty.send(new ListDetectorsCommand({}));
  const hub = await absentOn(['InvalidAccessException', 'ResourceNotFoundException'], () =>
    clients.securityHub.send(new DescribeHubCommand({})),
  );
  const document = await absentOn(['InvalidDocument'], () =>
    clients.ssm(needs.homeRegion).send(new GetDocumentCommand({ Name: SESSION_MANAGER_DOCUMENT })),
  );
  const roles = new Map<string, boolean>();
  for (const name of [VMIMPORT_ROLE, ...needs.keyRoles]) {
    const role = await absentOn(['NoSuchEntityException', 'NoSuchEntity'], () =>
      clients.iam.send(new GetRoleCommand({ RoleName: name })),
    );
    roles.set(name, role !== undefined);
  }
  const secrets = new Map<string, SecretFact>();
  for (const need of needs.dmsSourceSecrets) {
    const out = await absentOn(['ResourceNotFoundException'], () =>
      clients.secretsManager.send(new DescribeSecretCommand({ SecretId: need.name })),
    );
    if (out)
      secrets.set(need.name, {
        rotationEnabled: out.RotationEnabled === true,
        ...(out.KmsKeyId ? { kmsKeyId: out.KmsKeyId } : {}),
      });
  }
  return {
    images,
    bootstrapVersions,
    quotas,
    regions,
    ...(mgnInitialised === undefined ? {} : { mgnInitialised }),
    guardDutyDetectors: detectors.DetectorIds ?? [],
    securityHub: hub !== undefined,
    sessionManagerDocument: document !== undefined,
    roles,
    secrets,
  };
}

/**
 * The preflight's judgement, pure: what the plan needs (preflight-needs) against what the account
 * holds (account-facts), one problem per line, each with the fix.
 */
import { quotaKey, SESSION_MANAGER_DOCUMENT, VMIMPORT_ROLE, type AccountFacts } from './account-facts';
import type { PreflightNeeds } from './preflight-needs';
import { VM_EXPORT_TASKS_PER_REGION } from './quotas';

export type PreflightCheck =
  | 'image'
  | 'bootstrap'
  | 'quota'
  | 'region'
  | 'mgn'
  | 'provides'
  | 'key-roles'
  | 'export-limit'
  | 'dms-secret';

export interface PreflightProblem {
  readonly check: PreflightCheck;
  /** What is wrong, in one sentence. */
  readonly problem: string;
  /** What to do about it. */
  readonly fix: string;
}

/** The CDK bootstrap version the synthesized templates require (their `CheckBootstrapVersion` rule). */
export const MIN_BOOTSTRAP_VERSION = 6;

export function preflightProblems(
  needs: PreflightNeeds,
  facts: AccountFacts,
  opts: { readonly qualifier: string },
): PreflightProblem[] {
  const region = needs.homeRegion;
  return [
    ...regionProblems(needs, facts),
    ...needs.images.flatMap((img) => imageProblems(img, facts, needs.account.account, region)),
    ...bootstrapProblems(needs, facts, opts.qualifier),
    ...quotaProblems(needs, facts),
    ...(needs.exportConcurrency > VM_EXPORT_TASKS_PER_REGION
      ? [
          {
            check: 'export-limit' as const,
            problem: `the exit plan runs ${needs.exportConcurrency} image exports at once; VM Import/Export allows ${VM_EXPORT_TASKS_PER_REGION} per region`,
            fix: `set the image export concurrency to ${VM_EXPORT_TASKS_PER_REGION} or less`,
          },
        ]
      : []),
    ...(needs.mgnServers.length > 0 && facts.mgnInitialised === false
      ? [
          {
            check: 'mgn' as const,
            problem: `AWS MGN is not initialised in ${region} (${needs.mgnServers.length} servers arrive through MGN)`,
            fix: 'open Application Migration Service in the console once and choose "Get started" (or call InitializeService)',
          },
        ]
      : []),
    ...providedProblems(needs, facts),
    ...keyRoleProblems(needs, facts),
  ];
}

/** Every region the plan deploys to is offered to and enabled in the account. */
function regionProblems(needs: PreflightNeeds, facts: AccountFacts): PreflightProblem[] {
  const out: PreflightProblem[] = [];
  for (const r of needs.regions) {
    const status = facts.regions.get(r);
    if (status === undefined || status === 'not-opted-in')
      out.push({
        check: 'region',
        problem: `region ${r} is ${status === undefined ? 'not offered to' : 'not enabled in'} account ${needs.account.account}`,
        fix: `enable it (Account settings > AWS Regions, or aws account enable-region --region-name ${r})`,
      });
  }
  return out;
}

/** An image the servers use: not illustrative, present, available, and (imported) owned by the account. */
function imageProblems(
  img: PreflightNeeds['images'][number],
  facts: AccountFacts,
  account: string,
  region: string,
): PreflightProblem[] {
  const used = `used by ${img.usedBy.slice(0, 3).join(', ')}${img.usedBy.length > 3 ? ` and ${img.usedBy.length - 3} more` : ''}`;
  const replace =
    img.source === 'base-image'
      ? 'run "npm run estate -- images refresh" to pin the current image'
      : "import the server's image into this account and set its image.importedImageId in servers.yaml";
  if (img.illustrative) {
    return [
      {
        check: 'image',
        problem: `image ${img.imageId} (${used}) is marked illustrative in ${img.illustrative}`,
        fix: `${replace}, and remove "illustrative"`,
      },
    ];
  }
  const fact = facts.images.get(img.imageId);
  if (!fact) {
    return [
      { check: 'image', problem: `image ${img.imageId} (${used}) does not exist in ${region}`, fix: replace },
    ];
  }
  if (fact.state !== 'available') {
    return [
      {
        check: 'image',
        problem: `image ${img.imageId} (${used}) is ${fact.state} in ${region}, not available`,
        fix: fact.state === 'pending' ? 'wait until it is available, then run preflight again' : replace,
      },
    ];
  }
  if (img.source === 'imported' && fact.ownerId !== account) {
    return [
      {
        check: 'image',
        problem: `imported image ${img.imageId} (${used}) is owned by ${fact.ownerId}, not by account ${account}`,
        fix: 'copy it into this account (ec2 copy-image) and set the copy as image.importedImageId',
      },
    ];
  }
  return [];
}

/** Every region is CDK-bootstrapped at the version the templates need. */
function bootstrapProblems(
  needs: PreflightNeeds,
  facts: AccountFacts,
  qualifier: string,
): PreflightProblem[] {
  const account = needs.account.account;
  const out: PreflightProblem[] = [];
  for (const r of needs.regions) {
    const version = facts.bootstrapVersions.get(r);
    const parameter = `/cdk-bootstrap/${qualifier}/version`;
    if (version === undefined)
      out.push({
        check: 'bootstrap',
        problem: `CDK bootstrap missing in ${r} (no SSM parameter ${parameter})`,
        fix: `run "npx cdk bootstrap aws://${account}/${r}"`,
      });
    else if (version < MIN_BOOTSTRAP_VERSION)
      out.push({
        check: 'bootstrap',
        problem: `CDK bootstrap in ${r} is version ${version}; the templates need ${MIN_BOOTSTRAP_VERSION} or later`,
        fix: `run "npx cdk bootstrap aws://${account}/${r}" again`,
      });
  }
  return out;
}

/** Every quota the plan needs could be read and is large enough. */
function quotaProblems(needs: PreflightNeeds, facts: AccountFacts): PreflightProblem[] {
  const out: PreflightProblem[] = [];
  for (const q of needs.quotas) {
    const value = facts.quotas.get(quotaKey(q.serviceCode, q.quotaCode));
    if (value === undefined) {
      out.push({
        check: 'quota',
        problem: `quota "${q.name}" (${q.serviceCode} ${q.quotaCode}) could not be read in ${q.region}`,
        fix: 'check it in the Service Quotas console; the credentials need servicequotas:GetServiceQuota',
      });
    } else if (value < q.needed) {
      out.push({
        check: 'quota',
        problem: `quota "${q.name}" (${q.serviceCode} ${q.quotaCode}) is ${value} in ${q.region}; the plan needs ${q.needed} (${q.because})`,
        fix: `aws service-quotas request-service-quota-increase --service-code ${q.serviceCode} --quota-code ${q.quotaCode} --desired-value ${q.needed} --region ${q.region}`,
      });
    }
  }
  return out;
}

/** Account-wide things that already exist but the plan would create (it should say they are provided). */
function providedProblems(needs: PreflightNeeds, facts: AccountFacts): PreflightProblem[] {
  const out: PreflightProblem[] = [];
  const provided = (field: string, what: string, present: boolean, declared: boolean) => {
    if (present && !declared)
      out.push({
        check: 'provides',
        problem: `${what} already exists in account ${needs.account.account}, but the plan would create it`,
        fix: `set organisation.provides.${field}: true in estate.yaml`,
      });
  };
  provided(
    'guardDuty',
    `a GuardDuty detector (${facts.guardDutyDetectors.join(', ')})`,
    facts.guardDutyDetectors.length > 0,
    needs.provides.guardDuty,
  );
  provided('securityHub', 'Security Hub', facts.securityHub, needs.provides.securityHub);
  provided(
    'sessionManagerPreferences',
    `the Session Manager preferences document ${SESSION_MANAGER_DOCUMENT}`,
    facts.sessionManagerDocument,
    needs.provides.sessionManagerPreferences,
  );
  provided(
    'vmImportRole',
    `the IAM role ${VMIMPORT_ROLE}`,
    facts.roles.get(VMIMPORT_ROLE) === true,
    needs.provides.vmImportRole,
  );
  return out;
}

/** The key administration roles exist exactly when the plan says the organisation provides them. */
function keyRoleProblems(needs: PreflightNeeds, facts: AccountFacts): PreflightProblem[] {
  const account = needs.account.account;
  const out: PreflightProblem[] = [];
  const existing = needs.keyRoles.filter((r) => facts.roles.get(r) === true);
  const missing = needs.keyRoles.filter((r) => facts.roles.get(r) !== true);
  if (needs.provides.keyAdministrationRoles && missing.length > 0)
    out.push({
      check: 'key-roles',
      problem: `the plan says the key roles exist, but ${missing.join(' and ')} ${missing.length > 1 ? 'do' : 'does'} not in account ${account}; KMS refuses a key policy naming a missing principal`,
      fix: `create ${missing.join(' and ')} first, or set organisation.provides.keyAdministrationRoles: false so the stacks create them`,
    });
  if (!needs.provides.keyAdministrationRoles && existing.length > 0)
    out.push({
      check: 'provides',
      problem: `the IAM role${existing.length > 1 ? 's' : ''} ${existing.join(' and ')} already exist${existing.length > 1 ? '' : 's'} in account ${account}, but the plan would create ${existing.length > 1 ? 'them' : 'it'}`,
      fix: 'set organisation.provides.keyAdministrationRoles: true in estate.yaml',
    });
  out.push(...dmsSecretProblems(needs, facts));
  return out;
}

/** Whether DescribeSecret's KmsKeyId ("the key ID or alias ARN") names the alias. */
function usesAlias(kmsKeyId: string | undefined, alias: string): boolean {
  return kmsKeyId === alias || (kmsKeyId?.endsWith(`:${alias}`) ?? false);
}

/**
 * The DMS source secrets the DBA creates (docs/organisation.md, "The DMS source secret"): each must
 * exist, not be rotated (a rotation would change the on-premises password over the hybrid link)
 * and be encrypted with the estate's secrets key, named by its alias so that DescribeSecret shows
 * it (Secrets Manager returns "the key ID or alias ARN" it was given).
 */
function dmsSecretProblems(needs: PreflightNeeds, facts: AccountFacts): PreflightProblem[] {
  const out: PreflightProblem[] = [];
  const region = needs.homeRegion;
  for (const need of needs.dmsSourceSecrets) {
    const fact = facts.secrets.get(need.name);
    const create = `aws secretsmanager create-secret --name ${need.name} --kms-key-id ${need.keyAlias} --secret-string file://source.json --region ${region} (host, port, username, password of the migration login; docs/organisation.md, "The DMS source secret")`;
    if (!fact) {
      out.push({
        check: 'dms-secret',
        problem: `the DMS source secret ${need.name} (database ${need.database}) does not exist in ${region}`,
        fix: `the council's DBA creates it before the wave is deployed: ${create}`,
      });
      continue;
    }
    if (fact.rotationEnabled)
      out.push({
        check: 'dms-secret',
        problem: `the DMS source secret ${need.name} has rotation on: a rotation would change the on-premises password of ${need.database} over the hybrid link`,
        fix: `aws secretsmanager cancel-rotate-secret --secret-id ${need.name} --region ${region}; the DBA changes the password on the source, then in the secret`,
      });
    if (!usesAlias(fact.kmsKeyId, need.keyAlias))
      out.push({
        check: 'dms-secret',
        problem: `the DMS source secret ${need.name} is encrypted with ${fact.kmsKeyId ?? 'the AWS managed key aws/secretsmanager'}, not the estate key ${need.keyAlias} that DMS's access role may use`,
        fix: `aws secretsmanager update-secret --secret-id ${need.name} --kms-key-id ${need.keyAlias} --region ${region}`,
      });
  }
  return out;
}

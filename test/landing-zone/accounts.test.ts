/**
 * A separate non-production account: template assertions at the boundary. Each workload account
 * gets its own keys, network, security baseline, backup, access, exit and wave stacks with its own
 * `env.account`; nothing references across accounts except the backup copy, by ARN.
 */
import type { Stack } from 'aws-cdk-lib';
import { ESTATE_PLAN_CHECKS } from '../../lib/app';
import { loadPlan } from '../../lib/plan';
import { TierSchema } from '../../lib/plan/schema';
import { buildPlan, SEPARATE_ACCOUNTS, separateNonProductionInput } from '../support/plan-builder';
import { synthEstate } from './support/estate';

type Json = Record<string, unknown>;

const { production: PROD, nonProduction: NONPROD, backup: BACKUP } = SEPARATE_ACCOUNTS;
const separateInput = separateNonProductionInput;

describe('a plan with a separate non-production account', () => {
  const plan = buildPlan(separateInput());
  const estate = synthEstate(plan, 'l-accounts');
  const { stacks } = estate;
  const nonProduction = stacks.nonProduction!;
  const resourcesOf = (stack: Stack, type: string): Json[] =>
    Object.values(estate.template(stack).findResources(type)) as Json[];
  const tagOf = (resource: Json, key: string): string | undefined =>
    ((resource.Properties as Json).Tags as { Key: string; Value: string }[] | undefined)?.find(
      (t) => t.Key === key,
    )?.Value;

  test('every stack carries the env of its account: production, non-production (marked) or backup', () => {
    expect(estate.all.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['Testshire-Keys', PROD, 'eu-west-2'],
      ['Testshire-Network', PROD, 'eu-west-2'],
      ['Testshire-SecurityBaseline', PROD, 'eu-west-2'],
      ['Testshire-RecoveryVault', BACKUP, 'eu-west-2'],
      ['Testshire-Backup', PROD, 'eu-west-2'],
      ['Testshire-Access', PROD, 'eu-west-2'],
      ['Testshire-Operations', PROD, 'eu-west-2'],
      ['Testshire-Wave02-Wave2-Revenues', PROD, 'eu-west-2'],
      ['Testshire-Health', PROD, 'eu-west-2'],
      ['Testshire-Exit', PROD, 'eu-west-2'],
      ['Testshire-NonProduction-Keys', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-Network', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-SecurityBaseline', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-Backup', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-Access', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-Operations', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-Wave01-Wave1-Intranet', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-Health', NONPROD, 'eu-west-2'],
      ['Testshire-NonProduction-Exit', NONPROD, 'eu-west-2'],
    ]);
    expect(stacks.accounts.map((a) => [a.account.role, a.account.account])).toEqual([
      ['production', PROD],
      ['non-production', NONPROD],
    ]);
  });

  test('each workload account has its own VPC, from the plan', () => {
    estate.template(stacks.network).hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.40.0.0/16' });
    estate
      .template(nonProduction.network)
      .hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.41.0.0/16' });
  });

  test('non-production stacks hold only non-production resources, and production stacks only production ones', () => {
    for (const account of stacks.accounts) {
      const environment = account.account.role;
      const stacksHere = estate.all.filter((s) => s.account === account.account.account);
      const instances = stacksHere.flatMap((s) => resourcesOf(s, 'AWS::EC2::Instance'));
      const databases = stacksHere.flatMap((s) => resourcesOf(s, 'AWS::RDS::DBInstance'));
      expect(instances.length + databases.length).toBeGreaterThan(0);
      for (const r of [...instances, ...databases]) expect(tagOf(r, 'Environment')).toBe(environment);
      // Shared resources (VPC, keys) say which environment they serve.
      expect(tagOf(resourcesOf(account.network, 'AWS::EC2::VPC')[0]!, 'Environment')).toBe(environment);
    }
    expect(
      stacks.landingZones.waves
        .flatMap((w) => resourcesOf(w, 'AWS::EC2::Instance'))
        .map((r) => tagOf(r, 'ServerId')),
    ).toEqual(['revenues-app-01']);
    expect(
      nonProduction.landingZones.waves
        .flatMap((w) => [...resourcesOf(w, 'AWS::EC2::Instance'), ...resourcesOf(w, 'AWS::RDS::DBInstance')])
        .map((r) => tagOf(r, 'ServerId') ?? tagOf(r, 'DatabaseId')),
    ).toEqual(['intranet-web-01', 'intranet-db']);
  });

  test('each access stack holds only its own applications\u2019 security groups', () => {
    const groups = (stack: Stack) =>
      resourcesOf(stack, 'AWS::EC2::SecurityGroup').map((g) => (g.Properties as Json).GroupDescription);
    expect(groups(stacks.landingZones.access)).toEqual(['Servers of revenues (Revenues and Benefits)']);
    expect(groups(nonProduction.landingZones.access)).toEqual(['Servers of intranet (Intranet)']);
  });

  test('no stack reads an output of a stack in another account', () => {
    for (const stack of estate.all) {
      const text = JSON.stringify(estate.template(stack).toJSON());
      for (const m of text.matchAll(/"Fn::GetStackOutput":(\{[^}]*\})/g)) {
        const ref = JSON.parse(m[1]!) as { StackName: string; RoleArn?: string };
        const source = estate.all.find((s) => s.stackName === ref.StackName)!;
        expect([stack.stackName, source.account]).toEqual([stack.stackName, stack.account]);
        expect(ref.RoleArn).toBeUndefined();
      }
      expect(text).not.toContain('Fn::ImportValue');
    }
  });

  test('a workload account\u2019s templates never name the other workload account; only the recovery vault names both', () => {
    for (const stack of estate.all) {
      const text = JSON.stringify(estate.template(stack).toJSON());
      const other = stack.account === PROD ? NONPROD : stack.account === NONPROD ? PROD : undefined;
      if (other) expect([stack.stackName, text.includes(other)]).toEqual([stack.stackName, false]);
    }
    const vault = JSON.stringify(estate.template(stacks.landingZones.recoveryVaults[0]!).toJSON());
    expect([vault.includes(PROD), vault.includes(NONPROD)]).toEqual([true, true]);
  });

  test('both workload accounts copy every rule of every tier to the backup account vault, by ARN', () => {
    for (const account of stacks.accounts) {
      const plans = resourcesOf(account.landingZones.backup, 'AWS::Backup::BackupPlan');
      expect(plans).toHaveLength(TierSchema.options.length);
      for (const p of plans) {
        for (const rule of ((p.Properties as Json).BackupPlan as Json).BackupPlanRule as Json[]) {
          expect(
            (rule.CopyActions as Json[]).map((c) => JSON.stringify(c.DestinationBackupVaultArn)),
          ).toEqual([expect.stringContaining(`:backup:eu-west-2:${BACKUP}:backup-vault:testshire-recovery`)]);
        }
      }
    }
  });

  test('the recovery vault admits copies from both workload accounts; each workload backup key admits the backup account', () => {
    const vault = resourcesOf(stacks.landingZones.recoveryVaults[0]!, 'AWS::Backup::BackupVault')[0]!;
    const statement = (((vault.Properties as Json).AccessPolicy as Json).Statement as Json[])[0]!;
    expect(statement.Action).toBe('backup:CopyIntoBackupVault');
    expect((statement.Principal as { AWS: string[] }).AWS).toEqual([
      `arn:aws:iam::${PROD}:root`,
      `arn:aws:iam::${NONPROD}:root`,
    ]);
    expect(nonProduction.landingZones.recoveryVaults).toBe(stacks.landingZones.recoveryVaults);
    for (const account of stacks.accounts) {
      const keys = resourcesOf(account.keys, 'AWS::KMS::Key');
      const copyKeys = keys.filter((k) =>
        JSON.stringify(k).includes('AllowBackupAccountToCopyRecoveryPoints'),
      );
      expect(copyKeys.length).toBeGreaterThan(0);
      for (const k of copyKeys) expect(JSON.stringify(k)).toContain(`:iam::${BACKUP}:root`);
      // Same key administration in both accounts: only break glass may disable or delete a key.
      for (const k of keys) {
        expect(JSON.stringify(k)).toContain(
          `"aws:PrincipalArn":"arn:aws:iam::${account.account.account}:role/BreakGlass"`,
        );
      }
    }
  });

  test('each workload account turns on the detective controls the organisation does not provide', () => {
    for (const account of stacks.accounts) {
      expect(account.securityBaseline!.account).toBe(account.account.account);
      estate.template(account.securityBaseline!).resourceCountIs('AWS::GuardDuty::Detector', 1);
      estate.template(account.securityBaseline!).resourceCountIs('AWS::CloudTrail::Trail', 1);
    }
  });

  test('the non-production account has its own exit bucket', () => {
    const buckets = resourcesOf(nonProduction.exit!, 'AWS::S3::Bucket').map(
      (b) => (b.Properties as Json).BucketName,
    );
    expect(buckets).toContain(`testshire-exit-${NONPROD}-eu-west-2`);
  });
});

describe('a separate non-production account whose applications get no landing zone', () => {
  const input = separateInput();
  delete input.estate.network.nonProduction;
  input.servers.servers = input.servers.servers.filter(
    (s: { application: string }) => s.application !== 'intranet',
  );
  input.databases.databases = input.databases.databases.filter(
    (d: { application: string }) => d.application !== 'intranet',
  );
  const estate = synthEstate(buildPlan(input), 'l-accounts-none');

  test('gets no stacks, and needs no VPC', () => {
    expect(estate.stacks.nonProduction).toBeUndefined();
    expect(estate.all.every((s) => s.account !== NONPROD)).toBe(true);
  });
});

describe('the bundled second estate (Northvale): MGN servers in both workload accounts', () => {
  const plan = loadPlan('migration-plans/northvale', { checks: ESTATE_PLAN_CHECKS });
  const estate = synthEstate(plan, 'l-accounts-mgn');

  test('each account has its own Migration stack holding only its applications', () => {
    const mgnApplications = (stack: Stack) =>
      Object.values(estate.template(stack).findResources('AWS::MGN::Application'))
        .map((a) => ((a as Json).Properties as Json).Name)
        .sort();
    const [production, nonProduction] = estate.stacks.accounts;
    expect([production!.migration!.stackName, production!.migration!.account]).toEqual([
      'Northvale-Migration',
      '444455556666',
    ]);
    expect(mgnApplications(production!.migration!)).toEqual(['licensing', 'waste-fleet']);
    expect([nonProduction!.migration!.stackName, nonProduction!.migration!.account]).toEqual([
      'Northvale-NonProduction-Migration',
      '555566667777',
    ]);
    expect(mgnApplications(nonProduction!.migration!)).toEqual(['portal-test']);
  });
});

/**
 * Backups that survive a compromised workload administrator, and detective controls: template
 * assertions on a multi-account plan with a copy region and an organisation that provides
 * nothing, and on one that provides some controls.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { TierSchema } from '../../lib/plan/schema';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { synthEstate } from './support/estate';

type Json = Record<string, unknown>;

const PROD = '111111111111';
const BACKUP = '333333333333';

function multiAccountInput() {
  const input = minimalPlanInput();
  input.estate.estate.account = PROD;
  input.estate.estate.allowedRegions = ['eu-west-2', 'eu-west-1'];
  input.estate.accounts = { production: PROD, nonProduction: PROD, backup: BACKUP };
  input.estate.keyAdministration = { adminRole: 'KeyAdmin', breakGlassRole: 'BreakGlass' };
  input.estate.backup = { copyRegion: 'eu-west-1' };
  return input;
}

describe('a multi-account plan with a copy region, organisation providing nothing', () => {
  const plan = buildPlan(multiAccountInput());
  const estate = synthEstate(plan, 'l-isolation');
  const { landingZones, keys, securityBaseline } = estate.stacks;

  test('recovery vault stacks live in the backup account: home region and the copy region', () => {
    expect(landingZones.recoveryVaults.map((s) => [s.stackName, s.account, s.region])).toEqual([
      ['Testshire-RecoveryVault', BACKUP, 'eu-west-2'],
      ['Testshire-RecoveryVault-eu-west-1', BACKUP, 'eu-west-1'],
    ]);
    expect(landingZones.backup.account).toBe(PROD);
    expect(keys.account).toBe(PROD);
  });

  test('every rule of every tier copies to the backup account vault in the home region only (RDS copies cannot cross account and region at once)', () => {
    const t = estate.template(landingZones.backup);
    const plans = Object.values(t.findResources('AWS::Backup::BackupPlan')) as Json[];
    expect(plans).toHaveLength(TierSchema.options.length);
    for (const p of plans) {
      const rules = ((p.Properties as Json).BackupPlan as Json).BackupPlanRule as Json[];
      expect(rules.length).toBeGreaterThan(0);
      for (const rule of rules) {
        const targets = (rule.CopyActions as Json[]).map((c) => JSON.stringify(c.DestinationBackupVaultArn));
        expect(targets).toEqual([
          expect.stringContaining(`:backup:eu-west-2:${BACKUP}:backup-vault:testshire-recovery`),
        ]);
      }
    }
  });

  test('the backup account vault is locked in compliance mode, with its own key and a copy-in access policy', () => {
    const t: Template = estate.template(landingZones.recoveryVaults[0]!);
    t.hasResourceProperties('AWS::Backup::BackupVault', {
      BackupVaultName: 'testshire-recovery',
      EncryptionKeyArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('RecoveryKey'), 'Arn'] },
      LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 2555, ChangeableForDays: 3 },
      AccessPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'backup:CopyIntoBackupVault',
            Principal: { AWS: `arn:aws:iam::${PROD}:root` },
          }),
        ]),
      },
    });
    t.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain' });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  const denyDeletion = (account: string) => ({
    Sid: 'OnlyBreakGlassMayDisableDeleteOrRepolicyKey',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: ['kms:DisableKey', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'],
    Resource: '*',
    Condition: { ArnNotEquals: { 'aws:PrincipalArn': `arn:aws:iam::${account}:role/BreakGlass` } },
  });

  test('every key (workload, recovery vault, log bucket) denies deletion and disabling except to break glass', () => {
    for (const stack of [
      keys,
      landingZones.recoveryVaults[0]!,
      landingZones.recoveryVaults[1]!,
      securityBaseline!,
    ]) {
      const ks = Object.values(estate.template(stack).findResources('AWS::KMS::Key')) as Json[];
      expect(ks.length).toBeGreaterThan(0);
      for (const k of ks) {
        const statements = ((k.Properties as Json).KeyPolicy as Json).Statement as Json[];
        expect(statements).toEqual(expect.arrayContaining([denyDeletion(stack.account)]));
        const admin = statements.find((s) => s.Sid === 'KeyAdministratorsAdministerWithoutUse')!;
        expect(JSON.stringify(admin.Principal)).toContain(':role/KeyAdmin');
        expect(admin.Action).not.toEqual(expect.arrayContaining(['kms:Decrypt']));
        expect(admin.Action).not.toEqual(expect.arrayContaining(['kms:ScheduleKeyDeletion']));
        expect(admin.Action).not.toEqual(expect.arrayContaining(['kms:PutKeyPolicy']));
      }
    }
  });

  test('the workload backup key lets the backup account copy through AWS Backup', () => {
    const ks = Object.values(estate.template(keys).findResources('AWS::KMS::Key')) as Json[];
    const backupKeys = ks.filter((k) => JSON.stringify(k).includes('AllowBackupAccountToCopyRecoveryPoints'));
    expect(backupKeys.length).toBeGreaterThan(0);
    expect(JSON.stringify(backupKeys[0])).toContain(`:iam::${BACKUP}:root`);
  });

  test('the security baseline creates every detective control, and Session Manager logging', () => {
    const t = estate.template(securityBaseline!);
    expect(securityBaseline!.controls.created).toEqual([
      'cloudTrail',
      'guardDuty',
      'securityHub',
      'config',
      'accessAnalyzer',
    ]);
    t.resourceCountIs('AWS::CloudTrail::Trail', 1);
    t.hasResourceProperties('AWS::CloudTrail::Trail', {
      EnableLogFileValidation: true,
      IsMultiRegionTrail: true,
      KMSKeyId: Match.anyValue(),
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE' } },
      },
      LoggingConfiguration: Match.objectLike({ DestinationBucketName: Match.anyValue() }),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
    });
    t.resourceCountIs('AWS::GuardDuty::Detector', 1);
    t.resourceCountIs('AWS::SecurityHub::Hub', 1);
    t.resourceCountIs('AWS::SecurityHub::Standard', 2);
    t.resourceCountIs('AWS::Config::ConfigurationRecorder', 1);
    t.resourceCountIs('AWS::Config::DeliveryChannel', 1);
    t.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 1);
    t.hasResourceProperties('AWS::SSM::Document', {
      Name: 'SSM-SessionManagerRunShell',
      DocumentType: 'Session',
      Content: Match.objectLike({
        inputs: Match.objectLike({
          cloudWatchEncryptionEnabled: true,
          cloudWatchLogGroupName: Match.anyValue(),
        }),
      }),
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue() });
  });
});

describe('an organisation that provides CloudTrail and Config', () => {
  const input = minimalPlanInput();
  input.estate.organisation = { provides: { cloudTrail: true, config: true, guardDuty: true } };
  const estate = synthEstate(buildPlan(input), 'l-isolation-org');
  const stack = estate.stacks.securityBaseline!;

  test('the baseline creates exactly Security Hub and Access Analyzer, plus Session Manager logging', () => {
    expect(stack.controls.created).toEqual(['securityHub', 'accessAnalyzer']);
    const t = estate.template(stack);
    const types = [
      ...new Set(Object.values(t.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type)),
    ].sort();
    expect(types).toEqual([
      'AWS::AccessAnalyzer::Analyzer',
      'AWS::Logs::LogGroup',
      'AWS::SSM::Association',
      'AWS::SSM::Document',
      'AWS::SecurityHub::Hub',
      'AWS::SecurityHub::Standard',
    ]);
  });

  test('a single-account plan copies to a locked recovery vault in the same account, home region only', () => {
    expect(estate.stacks.landingZones.recoveryVaults.map((s) => [s.account, s.region])).toEqual([
      ['123456789012', 'eu-west-2'],
    ]);
  });
});

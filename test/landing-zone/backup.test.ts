import { Match, type Template } from 'aws-cdk-lib/assertions';
import { scheduleProblems, TIER_SCHEDULES } from '../../lib/backup';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { synthEstate } from './support/estate';

type Json = Record<string, unknown>;

describe('BackupStack', () => {
  const input = minimalPlanInput();
  input.estate.backup = {
    vaultLock: { minRetentionDays: 7, maxRetentionDays: 2600, changeableForDays: 5 },
    notifyEmails: ['ict-oncall@testshire.gov.uk'],
  };
  const plan = buildPlan(input);
  const estate = synthEstate(plan, 'l-backup');
  const stack = estate.stacks.landingZones.backup;
  let t: Template;
  beforeAll(() => {
    t = estate.template(stack);
  });

  test('is stateful: termination-protected, vault retained', () => {
    expect(stack.terminationProtection).toBe(true);
    expect(stack.stackName).toBe('Testshire-Backup');
    t.hasResource('AWS::Backup::BackupVault', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  test('vault is encrypted with the backup CMK, locked from the plan, and notifies failures', () => {
    t.hasResourceProperties('AWS::Backup::BackupVault', {
      EncryptionKeyArn: Match.anyValue(),
      LockConfiguration: { MinRetentionDays: 7, MaxRetentionDays: 2600, ChangeableForDays: 5 },
      Notifications: {
        BackupVaultEvents: [
          'BACKUP_JOB_FAILED',
          'BACKUP_JOB_EXPIRED',
          'RESTORE_JOB_FAILED',
          'COPY_JOB_FAILED',
        ],
        SNSTopicArn: Match.anyValue(),
      },
    });
    const vault = Object.values(t.findResources('AWS::Backup::BackupVault'))[0] as Json;
    expect(JSON.stringify((vault.Properties as Json).EncryptionKeyArn)).toMatch(/Keys.*Backup/i);
  });

  test('topic is encrypted with the SNS CMK, AWS Backup may publish, the plan address is subscribed', () => {
    const topic = Object.values(t.findResources('AWS::SNS::Topic'))[0] as Json;
    expect(JSON.stringify((topic.Properties as Json).KmsMasterKeyId)).toMatch(/Keys.*Sns/i);
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'sns:Publish',
            Effect: 'Allow',
            Principal: { Service: 'backup.amazonaws.com' },
          }),
        ]),
      }),
    });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ict-oncall@testshire.gov.uk',
    });
  });

  test('gold, silver and bronze plans with the council schedules, VSS on', () => {
    const plans = Object.values(t.findResources('AWS::Backup::BackupPlan')).map(
      (p) => (p as Json).Properties as Json,
    );
    const byName = new Map(
      plans.map((p) => [(p.BackupPlan as Json).BackupPlanName as string, p.BackupPlan as Json]),
    );
    expect([...byName.keys()].sort()).toEqual(['testshire-bronze', 'testshire-gold', 'testshire-silver']);
    const rules = (name: string) =>
      ((byName.get(name)!.BackupPlanRule as Json[]) ?? []).map((r) => [
        r.RuleName,
        r.ScheduleExpression,
        (r.Lifecycle as Json).DeleteAfterDays,
        (r.Lifecycle as Json).MoveToColdStorageAfterDays,
      ]);
    expect(rules('testshire-gold')).toEqual([
      ['Hourly', 'cron(0 * * * ? *)', 7, undefined],
      ['Daily', 'cron(0 1 * * ? *)', 35, undefined],
      ['Monthly', 'cron(0 2 1 * ? *)', 365, 30],
      ['Yearly', 'cron(0 3 1 4 ? *)', 2555, 30],
    ]);
    expect(rules('testshire-silver')).toEqual([
      ['Daily', 'cron(0 1 * * ? *)', 35, undefined],
      ['Monthly', 'cron(0 2 1 * ? *)', 365, 30],
    ]);
    expect(rules('testshire-bronze')).toEqual([['Daily', 'cron(0 1 * * ? *)', 14, undefined]]);
    for (const p of byName.values()) {
      expect(p.AdvancedBackupSettings).toEqual([
        { BackupOptions: { WindowsVSS: 'enabled' }, ResourceType: 'EC2' },
      ]);
    }
  });

  test('selections pick EC2 and RDS instances by type and their BackupTier tag together', () => {
    for (const tier of ['gold', 'silver', 'bronze']) {
      t.hasResourceProperties('AWS::Backup::BackupSelection', {
        BackupSelection: Match.objectLike({
          SelectionName: `${tier}-tagged`,
          ListOfTags: Match.absent(),
          Resources: [
            'arn:aws:ec2:eu-west-2:123456789012:instance/*',
            'arn:aws:rds:eu-west-2:123456789012:db:*',
          ],
          Conditions: {
            StringEquals: [{ ConditionKey: 'aws:ResourceTag/BackupTier', ConditionValue: tier }],
          },
        }),
      });
    }
  });

  test('gold is restore-tested weekly for EC2 and RDS', () => {
    t.hasResourceProperties('AWS::Backup::RestoreTestingPlan', {
      RestoreTestingPlanName: 'testshire_gold_restore_test',
      ScheduleExpression: 'cron(0 5 ? * SAT *)',
      RecoveryPointSelection: Match.objectLike({
        Algorithm: 'LATEST_WITHIN_WINDOW',
        RecoveryPointTypes: ['SNAPSHOT'],
      }),
    });
    for (const type of ['EC2', 'RDS']) {
      t.hasResourceProperties('AWS::Backup::RestoreTestingSelection', {
        ProtectedResourceType: type,
        ProtectedResourceConditions: { StringEquals: [{ Key: 'aws:ResourceTag/BackupTier', Value: 'gold' }] },
      });
    }
  });
});

describe('backup schedules against the vault lock and cold-storage rule', () => {
  test('the council schedules fit the default lock', () => {
    expect(scheduleProblems(TIER_SCHEDULES, { minRetentionDays: 7, maxRetentionDays: 2555 })).toEqual([]);
  });

  test('a lock minimum above a schedule is reported with both numbers', () => {
    expect(scheduleProblems(TIER_SCHEDULES, { minRetentionDays: 14, maxRetentionDays: 2555 })).toEqual([
      'gold Hourly backups (kept 7 days) are shorter than backup.vaultLock.minRetentionDays 14',
    ]);
  });

  test('a lock maximum below 7 years is reported', () => {
    expect(scheduleProblems(TIER_SCHEDULES, { minRetentionDays: 7, maxRetentionDays: 400 })).toEqual([
      'gold Yearly backups (kept 2555 days) are longer than backup.vaultLock.maxRetentionDays 400',
    ]);
  });

  test('cold storage shorter than 90 days is reported', () => {
    const bad = {
      ...TIER_SCHEDULES,
      bronze: [
        { name: 'Daily', cron: { minute: '0', hour: '1' }, deleteAfterDays: 60, moveToColdAfterDays: 1 },
      ],
    };
    expect(scheduleProblems(bad, { minRetentionDays: 7, maxRetentionDays: 2555 })).toEqual([
      'bronze Daily backups (kept 60 days) move to cold storage after 1 days but leave it before 90 days there',
    ]);
  });

  test('a plan whose lock does not fit fails synth with the problem, not a stack trace of AWS errors', () => {
    const input = minimalPlanInput();
    input.estate.backup = {
      vaultLock: { minRetentionDays: 30, maxRetentionDays: 2555, changeableForDays: 3 },
    };
    expect(() => synthEstate(buildPlan(input), 'l-backup-bad')).toThrow(
      'Plan <memory> has 2 problems:\n' +
        '  estate.yaml backup.vaultLock: gold Hourly backups (kept 7 days) are shorter than backup.vaultLock.minRetentionDays 30\n' +
        '  estate.yaml backup.vaultLock: bronze Daily backups (kept 14 days) are shorter than backup.vaultLock.minRetentionDays 30',
    );
  });
});

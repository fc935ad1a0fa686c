/**
 * Cross-account backup copy: EC2 and RDS recovery points stay encrypted with the source
 * resources' keys (ebs, rds), and fully managed types with the vault key (backup); AWS Backup can
 * copy them to the backup account only when those keys are shared with it. Both bundled estates,
 * every workload account's Keys stack.
 */
import { join } from 'node:path';
import { loadPlan } from '../../lib/plan';
import { synthEstate } from '../landing-zone/support/estate';

type Json = Record<string, unknown>;

const PLANS = join(__dirname, '..', '..', 'migration-plans');

// Only through the copy services, only by the backup account (issue 22: no direct Decrypt).
const viaCopy = (account: string): Json => ({
  'kms:CallerAccount': account,
  'kms:ViaService': [
    'backup.eu-west-2.amazonaws.com',
    'ec2.eu-west-2.amazonaws.com',
    'rds.eu-west-2.amazonaws.com',
  ],
});
const useStatement = (account: string): Json => ({
  Sid: 'AllowBackupAccountToCopyRecoveryPoints',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
  Resource: '*',
  Condition: { StringEquals: viaCopy(account) },
});
const grantStatement = (account: string): Json => ({
  Sid: 'AllowBackupAccountGrantsForAwsResources',
  Effect: 'Allow',
  Principal: { AWS: `arn:aws:iam::${account}:root` },
  Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
  Resource: '*',
  Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' }, StringEquals: viaCopy(account) },
});

describe.each([
  ['peterborough', ['production']],
  ['northvale', ['production', 'non-production']],
])('%s: the keys its recovery points stay encrypted with admit the backup account', (estateId, roles) => {
  const plan = loadPlan(join(PLANS, estateId));
  const estate = synthEstate(plan, `k-copy-${estateId}`);
  const backup = plan.accounts.backup;

  test('the estate has a separate backup account and the expected workload accounts', () => {
    expect(backup).not.toBe(plan.accounts.production);
    expect(estate.stacks.accounts.map((a) => a.account.role)).toEqual(roles);
  });

  test('ebs, rds and backup keys share exactly the documented actions; logs, secrets and sns keys do not', () => {
    for (const { keys } of estate.stacks.accounts) {
      const found = Object.values(estate.template(keys).findResources('AWS::KMS::Key')) as Json[];
      const purposes = new Set<string>();
      for (const key of found) {
        const props = key.Properties as Json;
        const purpose = /: (\w+) encryption/.exec(props.Description as string)![1]!;
        purposes.add(purpose);
        const statements = (props.KeyPolicy as Json).Statement as Json[];
        const copy = statements.filter((s) => JSON.stringify(s.Principal).includes(`:iam::${backup}:`));
        if (['ebs', 'rds', 'backup'].includes(purpose)) {
          expect(copy).toEqual([useStatement(backup), grantStatement(backup)]);
        } else {
          expect(copy).toEqual([]);
        }
        // The shared keys still refuse grants that are not for AWS resources (CT.KMS.PR.3).
        expect(statements.map((s) => s.Sid)).toContain('DenyGrantsNotForAwsServices');
      }
      expect([...purposes].sort()).toEqual(['backup', 'ebs', 'logs', 'rds', 'secrets', 'sns']);
    }
  });
});

import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildEstateApp } from '../../lib/app';
import { KEY_PURPOSES, keyScopesFor } from '../../lib/keys';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { testApp } from '../app/support/cdk-app';

type Json = Record<string, unknown>;

describe('KeysStack with applications of both classifications', () => {
  const plan = buildPlan();
  const app = testApp('n-keys');
  const stacks = buildEstateApp(app, plan);
  let template: Template;
  beforeAll(() => {
    template = Template.fromStack(stacks.keys);
  });

  test('is termination-protected and named from the estate id', () => {
    expect(stacks.keys.terminationProtection).toBe(true);
    expect(stacks.keys.stackName).toBe('Testshire-Keys');
    expect(stacks.keys.account).toBe('123456789012');
    expect(stacks.keys.region).toBe('eu-west-2');
  });

  test('one key per purpose per classification, every key rotated and retained', () => {
    const keys = template.findResources('AWS::KMS::Key');
    expect(Object.keys(keys)).toHaveLength(KEY_PURPOSES.length * 2);
    for (const key of Object.values(keys) as Json[]) {
      expect((key.Properties as Json).EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
      expect(key.UpdateReplacePolicy).toBe('Retain');
    }
  });

  test('aliases derive from estate id, purpose and classification', () => {
    const aliases = Object.values(template.findResources('AWS::KMS::Alias')).map(
      (a) => ((a as Json).Properties as Json).AliasName,
    );
    expect(aliases).toEqual(
      expect.arrayContaining([
        'alias/testshire/ebs-official',
        'alias/testshire/ebs-official-sensitive',
        'alias/testshire/logs-official',
      ]),
    );
    expect(aliases).toHaveLength(12);
  });

  test('keyFor returns different keys for the two classifications and for different purposes', () => {
    const official = stacks.keys.keyFor('rds', 'OFFICIAL');
    const sensitive = stacks.keys.keyFor('rds', 'OFFICIAL-SENSITIVE');
    expect(official).not.toBe(sensitive);
    expect(stacks.keys.keyFor('rds', 'OFFICIAL')).toBe(official);
    expect(stacks.keys.keyFor('ebs', 'OFFICIAL')).not.toBe(official);
    expect(official.node.id).toBe('RdsOfficialKey');
    expect(sensitive.node.id).toBe('RdsOfficialSensitiveKey');
  });

  test('logs keys grant CloudWatch Logs with an encryption-context condition', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'testshire: logs encryption for OFFICIAL data',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchLogsWithEncryptionContext',
            Principal: { Service: 'logs.eu-west-2.amazonaws.com' },
            Action: Match.arrayWith(['kms:Decrypt*', 'kms:Encrypt*', 'kms:GenerateDataKey*']),
            Condition: {
              ArnLike: {
                'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-2:123456789012:log-group:*',
              },
            },
          }),
        ]),
      },
    });
  });

  test.each([
    ['ebs', 'ec2'],
    ['rds', 'rds'],
    ['backup', 'backup'],
    ['secrets', 'secretsmanager'],
    ['sns', 'sns'],
  ])('%s keys let the account use them through %s only', (purpose, service) => {
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: `testshire: ${purpose} encryption for OFFICIAL-SENSITIVE data`,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Condition: {
              StringEquals: {
                'kms:ViaService': `${service}.eu-west-2.amazonaws.com`,
                'kms:CallerAccount': '123456789012',
              },
            },
          }),
        ]),
      },
    });
  });

  test('sns keys let AWS Backup and CloudWatch publish to encrypted topics in this account', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      Description: 'testshire: sns encryption for OFFICIAL data',
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: Match.arrayWith(['backup.amazonaws.com', 'cloudwatch.amazonaws.com']) },
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
        ]),
      },
    });
  });
});

describe('KeysStack with a single classification', () => {
  test('shares one key per purpose and serves it for both classifications', () => {
    const input = minimalPlanInput();
    for (const a of input.estate.applications) a.dataClassification = 'OFFICIAL';
    const plan = buildPlan(input);
    expect(keyScopesFor(plan)).toEqual(['shared']);
    const stacks = buildEstateApp(testApp('n-keys-shared'), plan);
    const template = Template.fromStack(stacks.keys);
    template.resourceCountIs('AWS::KMS::Key', KEY_PURPOSES.length);
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/testshire/backup' });
    expect(stacks.keys.keyFor('backup', 'OFFICIAL-SENSITIVE')).toBe(stacks.keys.keyFor('backup', 'OFFICIAL'));
  });
});

describe('KeysStack tags', () => {
  test('keys carry the shared tags, with DataClassification naming the classification each key is kept for', () => {
    const stacks = buildEstateApp(testApp('n-keys-tags'), buildPlan());
    const template = Template.fromStack(stacks.keys);
    const tagsOf = (description: string): Record<string, string> => {
      const [key] = Object.values(
        template.findResources('AWS::KMS::Key', { Properties: { Description: description } }),
      );
      const tags = ((key as Json).Properties as Json).Tags as { Key: string; Value: string }[];
      return Object.fromEntries(tags.map((t) => [t.Key, t.Value]));
    };
    expect(tagsOf('testshire: ebs encryption for OFFICIAL data')).toEqual(
      expect.objectContaining({
        Estate: 'testshire',
        Application: 'shared-platform',
        DataClassification: 'OFFICIAL',
      }),
    );
    expect(tagsOf('testshire: ebs encryption for OFFICIAL-SENSITIVE data').DataClassification).toBe(
      'OFFICIAL-SENSITIVE',
    );
  });
});

/**
 * The parallel Control Tower runner (bin/private/control-tower-check.ts) gives cfn-guard only the
 * rules that name a resource type the templates hold: the violations are the same as with every
 * rule, on templates that break controls of several services.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IPolicyValidationContext } from 'aws-cdk-lib';
import { controlTowerRulesFor, parallelControlTowerRunner } from '../../bin/private/control-tower-check';
import { tempDir } from '../app/support/cdk-app';

const dir = tempDir('n-ct-rules');
const write = (name: string, resources: Record<string, unknown>) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ Resources: resources }));
  return path;
};
const templates = [
  write('Servers.template.json', {
    Server: { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-12345678', InstanceType: 't3.micro' } },
    Volume: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-2a', Size: 10 } },
  }),
  write('Data.template.json', {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', DBInstanceClass: 'db.t3.micro' } },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
  }),
];

test('only rules naming the templates’ resource types are run', () => {
  const rules = controlTowerRulesFor(templates);
  expect(rules.length).toBeGreaterThan(5);
  expect(rules.every((r) => /\/(ec2|s3|rds|cloudwatch|[a-z]+)\//.test(r))).toBe(true);
  expect(rules.some((r) => r.includes('/sagemaker/'))).toBe(false);
});

test('the violations equal those of every Control Tower rule', () => {
  const all = new CfnGuardValidator({
    controlTowerRulesEnabled: true,
    disabledRules: ['ct-s3-pr-2'],
  }).validate({
    templatePaths: templates,
  } as unknown as IPolicyValidationContext);
  const selected = parallelControlTowerRunner(templates, ['ct-s3-pr-2']);
  const key = (r: { violations: { ruleName: string; violatingResources: unknown[] }[] }) =>
    r.violations.map((v) => JSON.stringify(v)).sort();
  expect(all.violations.length).toBeGreaterThan(3);
  expect(key(selected)).toEqual(key(all));
  expect(selected.success).toBe(all.success);
}, 300_000);

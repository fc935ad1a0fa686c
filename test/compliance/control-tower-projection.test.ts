/**
 * The projected first pass of the Control Tower check (bin/private/control-tower-projection.ts):
 * a control that looks only at named properties of one resource type runs once per distinct
 * projection; it passes every resource only when none fails there, and otherwise the normal check
 * reports exactly what every rule on whole templates reports.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, parse } from 'node:path';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import {
  controlTowerRuleFiles,
  parallelControlTowerRunner,
  passedOnProjection,
} from '../../bin/private/control-tower-check';
import type { GuardTemplate } from '../../bin/private/control-tower-jobs';
import { projectedNames, projectedTemplate } from '../../bin/private/control-tower-projection';
import { tempDir } from '../app/support/cdk-app';
import { everyControlTowerRule } from '../support/every-control-tower-rule';

const rule = (name: string) => controlTowerRuleFiles().find((r) => parse(r.path).name === name)!;
const text = (name: string) => readFileSync(rule(name).path, 'utf8');

/** An instance whose properties hold no reference (as the bench estate's instance types are). */
const instance = (type: string) => ({
  Type: 'AWS::EC2::Instance',
  Properties: {
    ImageId: 'ami-12345678',
    InstanceType: type,
    Monitoring: true,
    Tags: [{ Key: 'Name', Value: type }],
  },
});

/** Templates of `count` instances each, `odd` of them of `oddType`; written to a new folder. */
function fleet(name: string, counts: readonly number[], oddType?: string): string[] {
  const dir = tempDir(`n-ct-projection-${name}`);
  return counts.map((count, t) => {
    const resources: Record<string, unknown> = {};
    for (let i = 0; i < count; i++)
      resources[`Server${t}x${i}`] = instance(
        oddType && i % 10 === 3 ? oddType : i % 2 ? 'm6i.large' : 'c6i.xlarge',
      );
    const path = join(dir, `Fleet${t}.template.json`);
    writeFileSync(path, JSON.stringify({ Resources: resources }));
    return path;
  });
}

const key = (r: PolicyValidationPluginReport) => r.violations.map((v) => JSON.stringify(v)).sort();
const parsed = (paths: readonly string[]): GuardTemplate[] =>
  paths.map((path) => ({
    path,
    template: JSON.parse(readFileSync(path, 'utf8')) as GuardTemplate['template'],
  }));

test('a rule qualifies only in the Control Tower shape: one type, named properties, no other section or reference', () => {
  expect([...projectedNames(text('ct-ec2-pr-16'), rule('ct-ec2-pr-16').types)!]).toContain('InstanceType');
  // CT.EC2.PR.8 follows a reference to an AWS::EC2::NetworkInterface: two types.
  expect(projectedNames(text('ct-ec2-pr-8'), rule('ct-ec2-pr-8').types)).toBeUndefined();
  const pr16 = text('ct-ec2-pr-16');
  const types = rule('ct-ec2-pr-16').types;
  for (const extra of [
    'rule more { %ec2_instances.Properties.* exists }',
    'rule more { %ec2_instances.Properties.Tags[*] exists }',
    'rule more { Parameters exists }',
    'rule more { %ec2_instances.Properties.IamInstanceProfile.Ref exists }',
    'rule more { %INPUT_DOCUMENT.Resources not empty }',
    'let template = this\nrule more { %template.Description exists }',
  ])
    expect([extra, projectedNames(`${pr16}\n${extra}\n`, types)]).toEqual([extra, undefined]);
});

test('the projected template holds one resource per distinct projection, and none when one holds a reference', () => {
  const names = projectedNames(text('ct-ec2-pr-16'), rule('ct-ec2-pr-16').types)!;
  const templates = parsed(fleet('distinct', [30, 25]));
  const projected = projectedTemplate(templates, 'AWS::EC2::Instance', names)!;
  expect(projected.resources).toBe(2);
  expect(Object.values((projected.template as { Resources: object }).Resources)).toEqual([
    { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'c6i.xlarge' } },
    { Type: 'AWS::EC2::Instance', Properties: { InstanceType: 'm6i.large' } },
  ]);
  const referenced = structuredClone(templates) as {
    path: string;
    template: { Resources: Record<string, object> };
  }[];
  referenced[0]!.template.Resources.Server0x0 = {
    Type: 'AWS::EC2::Instance',
    Properties: { InstanceType: { Ref: 'TypeParameter' } },
  };
  expect(projectedTemplate(referenced, 'AWS::EC2::Instance', names)).toBeUndefined();
});

test('alike instances pass the instance-type controls on the first pass; a failing type sends them to the normal check', () => {
  const passing = passedOnProjection(
    parsed(fleet('pass', [30, 25])),
    controlTowerRuleFiles(),
    tempDir('n-ct-p'),
    [],
  );
  const names = (set: ReadonlySet<string>) => [...set].map((p) => parse(p).name);
  expect(names(passing)).toEqual(expect.arrayContaining(['ct-ec2-pr-13', 'ct-ec2-pr-16', 'ct-ec2-pr-19']));
  // t2.micro is not a Nitro type: CT.EC2.PR.16 and PR.19 fail on it, PR.13 (monitoring) still passes.
  const failing = passedOnProjection(
    parsed(fleet('fail', [30, 25], 't2.micro')),
    controlTowerRuleFiles(),
    tempDir('n-ct-f'),
    [],
  );
  expect(names(failing)).toContain('ct-ec2-pr-13');
  expect(names(failing)).not.toContain('ct-ec2-pr-16');
  expect(names(failing)).not.toContain('ct-ec2-pr-19');
});

test('with the first pass, the violations equal those of every rule on whole templates', () => {
  for (const paths of [fleet('all-pass', [30, 25]), fleet('some-fail', [30, 25], 't2.micro')]) {
    const whole = everyControlTowerRule(paths);
    const checked = parallelControlTowerRunner(paths, []);
    expect(key(checked)).toEqual(key(whole));
    expect(checked.success).toBe(whole.success);
  }
  // The failing fleet has a violation of each instance-type control for each t2.micro.
  const failing = parallelControlTowerRunner(fleet('count', [30, 25], 't2.micro'), []);
  const t2 = failing.violations.filter((v) => /ec2_instance_nitro/.test(v.ruleName));
  expect(t2.flatMap((v) => v.violatingResources).length).toBeGreaterThanOrEqual(6);
}, 300_000);

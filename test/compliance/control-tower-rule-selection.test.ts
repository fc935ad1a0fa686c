/**
 * The parallel Control Tower runner (bin/private/control-tower-check.ts) groups the rules by the
 * resource types they name and gives each group copies of the templates holding only those
 * resources and the resources they reach (bin/private/control-tower-jobs.ts): the violations are
 * the same as those of every rule on whole templates, on hand-made templates that break controls
 * of several services and on the bundled example's own templates. The reference (every rule on
 * whole templates) is remembered by the templates' text between runs
 * (test/support/every-control-tower-rule.ts); the runner under test runs afresh every time.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { controlTowerRuleFiles, parallelControlTowerRunner } from '../../bin/private/control-tower-check';
import {
  controlTowerJobs,
  reduceTemplate,
  selectedTypes,
  spreadJobs,
} from '../../bin/private/control-tower-jobs';
import { buildEstateApp } from '../../lib/app';
import { loadPlan } from '../../lib/plan';
import { tempDir } from '../app/support/cdk-app';
import { everyControlTowerRule } from '../support/every-control-tower-rule';
import { tinyApp } from './support/tiny-app';

const dir = tempDir('n-ct-rules');
const write = (name: string, resources: Record<string, unknown>) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ Resources: resources }));
  return path;
};
const templates = [
  write('Servers.template.json', {
    Template: {
      Type: 'AWS::EC2::LaunchTemplate',
      Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional' } } },
    },
    Server: {
      Type: 'AWS::EC2::Instance',
      Properties: {
        ImageId: 'ami-12345678',
        InstanceType: 't3.micro',
        LaunchTemplate: {
          LaunchTemplateId: { Ref: 'Template' },
          Version: { 'Fn::GetAtt': ['Template', 'LatestVersionNumber'] },
        },
      },
    },
    Volume: { Type: 'AWS::EC2::Volume', Properties: { AvailabilityZone: 'eu-west-2a', Size: 10 } },
  }),
  write('Data.template.json', {
    Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', DBInstanceClass: 'db.t3.micro' } },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
  }),
  // An API Gateway stage without access logs (CT.APIGATEWAY.PR.4, which names log groups too but
  // selects only stages, so it is not run over Data's log group).
  write('Api.template.json', {
    Api: { Type: 'AWS::ApiGatewayV2::Api', Properties: { Name: 'api', ProtocolType: 'HTTP' } },
    Stage: { Type: 'AWS::ApiGatewayV2::Stage', Properties: { ApiId: { Ref: 'Api' }, StageName: 'live' } },
    StageLogs: { Type: 'AWS::Logs::LogGroup', Properties: {} },
  }),
];

const key = (r: PolicyValidationPluginReport) => r.violations.map((v) => JSON.stringify(v)).sort();

test('a copy keeps the resources of the named types, what they reach, and every other section', () => {
  const template = {
    Parameters: { P: { Type: 'String' } },
    Resources: {
      Server: {
        Type: 'AWS::EC2::Instance',
        DependsOn: 'Waited',
        Properties: {
          Profile: { Ref: 'Profile' },
          Role: { 'Fn::GetAtt': 'Role.Arn' },
          Script: { 'Fn::Sub': 'echo ${Group.GroupId}' },
        },
      },
      Profile: { Type: 'AWS::IAM::InstanceProfile', Properties: { Roles: [{ Ref: 'Role' }] } },
      Role: { Type: 'AWS::IAM::Role', Properties: { Boundary: { Ref: 'Boundary' } } },
      Boundary: { Type: 'AWS::IAM::ManagedPolicy', Properties: {} },
      Group: { Type: 'AWS::EC2::SecurityGroup', Properties: {} },
      Waited: { Type: 'AWS::SSM::Parameter', Properties: {} },
      Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { Dimensions: [{ Value: { Ref: 'Server' } }] } },
    },
  };
  const reduced = reduceTemplate(template, new Set(['AWS::EC2::Instance'])) as typeof template;
  expect(Object.keys(reduced.Resources)).toEqual([
    'Server',
    'Profile',
    'Role',
    'Boundary',
    'Group',
    'Waited',
  ]);
  expect(reduced.Parameters).toEqual(template.Parameters);
  expect(reduceTemplate(template, new Set(['AWS::S3::Bucket']))).toBeUndefined();
});

test('rules are grouped by the types they name and select; a group is run only on templates holding a type it selects', () => {
  const parsed = templates.map((path) => ({
    path,
    template: JSON.parse(readFileSync(path, 'utf8')) as object,
  }));
  const jobs = controlTowerJobs(parsed, [
    { path: 'ec2-a.guard', types: ['AWS::EC2::Instance'] },
    { path: 'ec2-b.guard', types: ['AWS::EC2::Instance'] },
    { path: 's3.guard', types: ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'] },
    { path: 'sagemaker.guard', types: ['AWS::SageMaker::Model'] },
    { path: 'any.guard', types: [] },
    {
      path: 'stage.guard',
      types: ['AWS::ApiGatewayV2::Stage', 'AWS::Logs::LogGroup'],
      selects: ['AWS::ApiGatewayV2::Stage'],
    },
    { path: 'logs.guard', types: ['AWS::ApiGatewayV2::Stage', 'AWS::Logs::LogGroup'] },
  ]);
  expect(jobs.map((j) => [j.rules, j.data.map((d) => d.source.split('/').pop())])).toEqual([
    [['any.guard'], ['Servers.template.json', 'Data.template.json', 'Api.template.json']],
    [['ec2-a.guard', 'ec2-b.guard'], ['Servers.template.json']],
    [['logs.guard'], ['Data.template.json', 'Api.template.json']],
    [['s3.guard'], ['Data.template.json']],
    [['stage.guard'], ['Api.template.json']],
  ]);
  expect(Object.keys((jobs[1]!.data[0]!.template as { Resources: object }).Resources)).toEqual([
    'Template',
    'Server',
  ]);
  // With a stage, the copy keeps every log group and what the stage reaches, as before.
  expect(Object.keys((jobs[4]!.data[0]!.template as { Resources: object }).Resources)).toEqual([
    'Api',
    'Stage',
    'StageLogs',
  ]);
});

test('a rule selects the types it queries by type, not those it names only to check a reference; any other query selects every type', () => {
  const byName = new Map(controlTowerRuleFiles().map((r) => [basename(r.path), r]));
  expect(byName.get('ct-apigateway-pr-4.guard')!.types).toEqual([
    'AWS::ApiGatewayV2::Stage',
    'AWS::Logs::LogGroup',
  ]);
  expect(byName.get('ct-apigateway-pr-4.guard')!.selects).toEqual(['AWS::ApiGatewayV2::Stage']);
  expect(byName.get('ct-iam-pr-1.guard')!.selects).toEqual([
    'AWS::IAM::Group',
    'AWS::IAM::Policy',
    'AWS::IAM::Role',
    'AWS::IAM::User',
  ]);
  expect(byName.get('ct-ec2-pr-7.guard')!.selects).toEqual(['AWS::EC2::Instance', 'AWS::EC2::Volume']);
  const rule = (query: string) =>
    `let T = "AWS::S3::Bucket"\nlet b = ${query}\nrule r when %b not empty { %b.Properties exists }`;
  expect(selectedTypes(rule('Resources.*[ Type == %T ]'))).toEqual(['AWS::S3::Bucket']);
  expect(selectedTypes(rule("Resources.*[ Type == 'AWS::S3::Bucket' or Type == %T ]"))).toEqual([
    'AWS::S3::Bucket',
  ]);
  // Queries not read: by anything but the type, every resource, a type list, a key pattern.
  for (const query of [
    'Resources.*[ Type == %T Properties exists ]',
    'Resources.*',
    'Resources.*[ Type in [%T] ]',
    'Resources[ keys == /Bucket/ ]',
    'Resources.*[ Type == %UNKNOWN ]',
  ])
    expect([query, selectedTypes(rule(query))]).toEqual([query, undefined]);
  expect(
    selectedTypes(`${rule('Resources.*[ Type == %T ]')}\nrule s { Resources.*.Type exists }`),
  ).toBeUndefined();
});

test('jobs are spread over workers costliest first, each worker keeping the jobs in order', () => {
  const jobs = [5, 1, 4, 2, 3].map((cost, i) => ({ cost, id: i }));
  const lists = spreadJobs(jobs, 2);
  expect(lists.map((l) => l.map((j) => j.id))).toEqual([
    [0, 1, 3],
    [2, 4],
  ]);
  expect(spreadJobs(jobs.slice(0, 1), 2)).toHaveLength(1);
});

test('the violations equal those of every Control Tower rule on whole templates', () => {
  const all = everyControlTowerRule(templates, ['ct-s3-pr-2']);
  const selected = parallelControlTowerRunner(templates, ['ct-s3-pr-2']);
  expect(all.violations.length).toBeGreaterThan(3);
  // The stage's missing access logs, from a rule that selects stages and names log groups.
  expect(selected.violations.map((v) => v.ruleName)).toContain('api_gw_v2_access_logs_enabled_check');
  expect(key(selected)).toEqual(key(all));
  expect(selected.success).toBe(all.success);
}, 300_000);

test('on the bundled example, the violations equal those of every rule on whole templates', () => {
  const app = tinyApp({ '@aws-cdk/core:failSynthOnValidationErrors': false });
  buildEstateApp(app, loadPlan(join(__dirname, '..', '..', 'migration-plans', 'peterborough')));
  const out = app.synth().directory;
  // Templates covering every resource type the example uses, the smallest holding each type.
  const all = readdirSync(out)
    .filter((f) => f.endsWith('.template.json'))
    .map((f) => {
      const path = join(out, f);
      const text = readFileSync(path, 'utf8');
      const parsed = JSON.parse(text) as { Resources?: Record<string, { Type: string }> };
      return {
        path,
        size: text.length,
        types: new Set(Object.values(parsed.Resources ?? {}).map((r) => r.Type)),
      };
    })
    .sort((a, b) => a.size - b.size);
  const covered = new Set<string>();
  const chosen = all.filter((t) => {
    const adds = [...t.types].some((type) => !covered.has(type));
    for (const type of t.types) covered.add(type);
    return adds;
  });
  expect(covered.size).toBeGreaterThan(40);
  for (const type of ['AWS::EC2::Instance', 'AWS::RDS::DBInstance', 'AWS::S3::Bucket', 'AWS::IAM::Role'])
    expect(covered.has(type)).toBe(true);
  const paths = chosen.map((t) => t.path);
  const whole = everyControlTowerRule(paths);
  const grouped = parallelControlTowerRunner(paths, []);
  expect(whole.violations.length).toBeGreaterThan(0);
  expect(key(grouped)).toEqual(key(whole));
}, 600_000);

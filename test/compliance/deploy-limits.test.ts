/** Each deploy-time limit rule on a tiny template over its limit and one within it. */
import {
  associationTargets,
  deployLimitViolations,
  inlineRolePolicySize,
  keyPolicySize,
  lambdaEnvironmentSize,
  managedPolicySize,
  securityGroupRules,
  stackOutputs,
  stackResources,
  templateSize,
  type LimitRule,
  type StackTemplate,
} from '../../lib/compliance';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function tpl(
  resources: Resources,
  extra: Partial<StackTemplate['template']> = {},
  path = 'A.template.json',
): StackTemplate {
  const template = { Resources: resources, ...extra };
  return {
    stackName: path.replace('.template.json', ''),
    templatePath: path,
    bytes: JSON.stringify(template).length,
    template,
  };
}
const measured = (rule: LimitRule, ...t: StackTemplate[]) =>
  rule.evaluate(t).map((v) => `${v.logicalId ?? '-'}: ${v.measured}`);
const statements = (n: number, resource: unknown = 'arn:aws:s3:::bucket/*') =>
  Array.from({ length: n }, (_, i) => ({
    Sid: `S${i}`,
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: resource,
  }));

test('association targets: 51 instance ids fail, one tag value passes', () => {
  const ids = Array.from({ length: 51 }, (_, i) => `i-${i}`);
  expect(
    measured(
      associationTargets,
      tpl({
        A: { Type: 'AWS::SSM::Association', Properties: { Targets: [{ Key: 'InstanceIds', Values: ids }] } },
      }),
    ),
  ).toEqual(['A: 1 targets (limit 5), up to 51 values in one (limit 50)']);
  expect(
    measured(
      associationTargets,
      tpl({
        A: { Type: 'AWS::SSM::Association', Properties: { Targets: [{ Key: 'tag:T', Values: ['v'] }] } },
      }),
    ),
  ).toEqual([]);
});

test('security group rules: inline and separate ingress rules add up, across stacks through exports', () => {
  const ingress = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      IpProtocol: 'tcp',
      FromPort: i,
      ToPort: i,
      CidrIp: '10.0.0.0/8',
    }));
  const owner = tpl(
    { Sg: { Type: 'AWS::EC2::SecurityGroup', Properties: { SecurityGroupIngress: ingress(40) } } },
    { Outputs: { SgId: { Value: { 'Fn::GetAtt': ['Sg', 'GroupId'] }, Export: { Name: 'A:SgId' } } } },
  );
  const shard = (n: number) =>
    tpl(
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [
          `R${i}`,
          {
            Type: 'AWS::EC2::SecurityGroupIngress',
            Properties: { GroupId: { 'Fn::ImportValue': 'A:SgId' } },
          },
        ]),
      ),
      {},
      'B.template.json',
    );
  expect(measured(securityGroupRules, owner, shard(20))).toEqual([]);
  expect(measured(securityGroupRules, owner, shard(21))).toEqual([
    'Sg: 61 inbound and 0 outbound rules (limit 60 each)',
  ]);
});

test('managed policy size counts the resolved document without white space', () => {
  const small = tpl({
    P: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements(10) } },
    },
  });
  expect(measured(managedPolicySize, small)).toEqual([]);
  // References count as what they become (an ARN): 60 statements of one GetAtt each exceed 6,144.
  const big = tpl({
    P: {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        PolicyDocument: { Version: '2012-10-17', Statement: statements(60, { 'Fn::GetAtt': ['B', 'Arn'] }) },
      },
    },
  });
  expect(measured(managedPolicySize, big)[0]).toMatch(/^P: about \d+ characters \(limit 6144\)$/);
});

test('inline role policies: the role inline policies and AWS::IAM::Policy naming it are summed', () => {
  const doc = (n: number) => ({ Version: '2012-10-17', Statement: statements(n) });
  const t = (n: number) =>
    tpl({
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: { Policies: [{ PolicyName: 'a', PolicyDocument: doc(n) }] },
      },
      Extra: {
        Type: 'AWS::IAM::Policy',
        Properties: { PolicyName: 'b', PolicyDocument: doc(n), Roles: [{ Ref: 'Role' }] },
      },
    });
  expect(measured(inlineRolePolicySize, t(20))).toEqual([]);
  expect(measured(inlineRolePolicySize, t(80))[0]).toMatch(
    /^Role: about \d+ characters of inline policies \(limit 10240\)$/,
  );
});

test('key policy size: 32 KB', () => {
  const key = (n: number) =>
    tpl({ K: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: { Statement: statements(n) } } } });
  expect(measured(keyPolicySize, key(100))).toEqual([]);
  expect(measured(keyPolicySize, key(500))[0]).toMatch(/^K: about \d+ bytes \(limit 32768\)$/);
});

test('lambda environment: 4 KB of names and values', () => {
  const fn = (value: string) =>
    tpl({ F: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { V: value } } } } });
  expect(measured(lambdaEnvironmentSize, fn('x'.repeat(4000)))).toEqual([]);
  expect(measured(lambdaEnvironmentSize, fn('x'.repeat(4095)))).toEqual([]);
  expect(measured(lambdaEnvironmentSize, fn('x'.repeat(4096)))).toEqual(['F: about 4097 bytes (limit 4096)']);
});

test('template size, resources and outputs per stack', () => {
  const many = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [`R${i}`, { Type: 'AWS::SNS::Topic' }]));
  expect(measured(stackResources, tpl(many(500)))).toEqual([]);
  expect(measured(stackResources, tpl(many(501)))).toEqual(['-: 501 resources (limit 500)']);
  const outputs = (n: number) => ({
    Outputs: Object.fromEntries(Array.from({ length: n }, (_, i) => [`O${i}`, { Value: 'v' }])),
  });
  expect(measured(stackOutputs, tpl({}, outputs(200)))).toEqual([]);
  expect(measured(stackOutputs, tpl({}, outputs(201)))).toEqual(['-: 201 outputs (limit 200)']);
  const sized = (bytes: number): StackTemplate => ({ ...tpl({}), bytes });
  expect(measured(templateSize, sized(1024 * 1024))).toEqual([]);
  expect(measured(templateSize, sized(1024 * 1024 + 1))).toEqual(['-: 1048577 bytes (limit 1048576)']);
});

test('the pack reports each finding as an error naming the rule, the place and the documented source', () => {
  const t = tpl({
    A: {
      Type: 'AWS::SSM::Association',
      Properties: {
        Targets: [{ Key: 'InstanceIds', Values: Array.from({ length: 60 }, (_, i) => `i-${i}`) }],
      },
    },
  });
  const [v, ...rest] = deployLimitViolations([t]);
  expect(rest).toEqual([]);
  expect(v).toMatchObject({
    ruleName: 'DeployLimits-AssociationTargets',
    severity: 'error',
    violatingResources: [{ resourceLogicalId: 'A', templatePath: 'A.template.json', locations: [] }],
  });
  expect(v!.description).toContain('up to 60 values in one (limit 50)');
  expect(v!.fix).toContain('Systems Manager API Reference, Target');
});

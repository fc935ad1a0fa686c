/**
 * Issue 17, over the synthesized templates of the bundled estate: the MGN post-launch actions name
 * Parameter Store parameters the app creates, `dms-vpc-role` exists once per account and every
 * stack with a DMS replication subnet group deploys after it, and the DMS endpoints use the plan's
 * source database name; and the replication servers reach what the MGN user guide documents
 * (walked over the synthesized templates: security group rules, routes, endpoints and policies).
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { buildEstateApp } from '../../lib/app/estate-app';
import {
  mgnBucketsFor,
  mgnTestLaunchParameterName,
  POST_LAUNCH_ACTIONS,
  replicationNetworkOf,
} from '../../lib/migration';
import { s3PrefixListFor } from '../../lib/network';
import { loadPlan, type Plan } from '../../lib/plan';
import { replicationReach, TemplateWalker } from './support/replication-path';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { buildEstateModel } from '../../lib/estate-model';
import { bundledExampleAssembly, BUNDLED_PLAN_DIR } from '../support/bundled-assembly';
import { sharedAssembly } from '../support/shared-assembly';

type Json = Record<string, unknown>;
const bundled = loadPlan(BUNDLED_PLAN_DIR);

/**
 * The stacks of the app built for `plan`, synthesized once and shared with later runs under `name`
 * (sharedAssembly: the plans here follow from migration-plans/ and this file, both in its key).
 */
function synth(plan: Plan, name: string): CloudFormationStackArtifact[] {
  const dir = sharedAssembly({ name: `wave-templates-${name}`, testFile: __filename }, () => {
    const app = new App({ context: cdkJsonContext(), outdir: tempDir('wave-templates') });
    buildEstateApp(app, plan);
    return app.synth().directory;
  });
  return new CloudAssembly(dir).stacks;
}

function resourcesOf(stack: CloudFormationStackArtifact, type: string): [string, Json][] {
  const resources = ((stack.template as Json).Resources ?? {}) as Record<string, Json>;
  return Object.entries(resources).filter(([, r]) => r.Type === type);
}

// The bundled example's assembly, shared with test/migration/templates.test.ts.
const stacks = bundledExampleAssembly().stacks;
const byName = new Map(stacks.map((s) => [s.stackName, s]));

describe('MGN post-launch actions', () => {
  const migration = byName.get('Peterborough-Migration')!;
  const template = resourcesOf(migration, 'AWS::MGN::LaunchConfigurationTemplate');
  const documents = ((template[0]![1].Properties as Json).PostLaunchActions as Json).SsmDocuments as Json[];
  const parameterNames = new Map(
    resourcesOf(migration, 'AWS::SSM::Parameter').map(([, r]) => [
      (r.Properties as Json).Name as string,
      (r.Properties as Json).Value as string,
    ]),
  );

  test('every action of the catalogue is there, nothing else', () => {
    expect(documents.map((d) => d.ActionName)).toEqual(POST_LAUNCH_ACTIONS.map((a) => a.actionName));
  });

  test('every parameterName names a Parameter Store parameter of the stack, holding the intended value', () => {
    let checked = 0;
    for (const doc of documents) {
      const action = POST_LAUNCH_ACTIONS.find((a) => a.actionName === doc.ActionName)!;
      const params = (doc.Parameters ?? {}) as Record<
        string,
        { ParameterName: string; ParameterType: string }[]
      >;
      expect(Object.keys(params).sort()).toEqual(Object.keys(action.values).sort());
      for (const [docParam, refs] of Object.entries(params)) {
        for (const ref of refs) {
          // MGN API reference, SsmParameterStoreParameter: pattern ([A-Za-z0-9_\.-])+, STRING | SECURE_STRING.
          expect(ref.ParameterName).toMatch(/^[A-Za-z0-9_.-]+$/);
          expect(['STRING', 'SECURE_STRING']).toContain(ref.ParameterType);
          expect(parameterNames.get(ref.ParameterName)).toBe(action.values[docParam]);
          checked++;
        }
      }
    }
    expect(checked).toBe(2);
  });
});

describe('DMS deploys', () => {
  const withRole = stacks.filter((s) =>
    resourcesOf(s, 'AWS::IAM::Role').some(([, r]) => (r.Properties as Json).RoleName === 'dms-vpc-role'),
  );
  const withSubnetGroup = stacks.filter((s) => resourcesOf(s, 'AWS::DMS::ReplicationSubnetGroup').length > 0);

  test('dms-vpc-role and dms-cloudwatch-logs-role exist once in the account, trusted by dms.amazonaws.com', () => {
    expect(withRole.map((s) => s.stackName)).toEqual(['Peterborough-Access']);
    const roles = resourcesOf(withRole[0]!, 'AWS::IAM::Role').map(([, r]) => r.Properties as Json);
    for (const name of ['dms-vpc-role', 'dms-cloudwatch-logs-role']) {
      const role = roles.find((r) => r.RoleName === name)!;
      expect(JSON.stringify(role.AssumeRolePolicyDocument)).toContain('"Service":"dms.amazonaws.com"');
    }
  });

  test('every stack with a DMS replication subnet group deploys after the stack holding dms-vpc-role', () => {
    expect(withSubnetGroup.length).toBeGreaterThan(0);
    for (const stack of withSubnetGroup) {
      expect(stack.dependencies.map((d) => d.id)).toContain(withRole[0]!.id);
    }
  });

  test("the endpoints use the plan's source database name (default: the plan id with _)", () => {
    const endpoints = stacks
      .flatMap((s) => resourcesOf(s, 'AWS::DMS::Endpoint'))
      .map(([id, r]) => ({
        id,
        name: (r.Properties as Json).DatabaseName,
      }));
    const erp = endpoints.filter((e) => e.id.startsWith('ErpDbDms'));
    expect(erp.map((e) => e.name)).toEqual(['FinanceERP', 'FinanceERP']);
    const others = endpoints.filter((e) => !e.id.startsWith('ErpDbDms'));
    expect(others.length).toBeGreaterThan(0);
    for (const e of others) expect(e.name).toMatch(/^[a-z0-9_]+_db$/);
  });
});

describe('the replication path (MGN user guide, "Network requirements"; prescriptive guidance, "Rehost servers over private networks")', () => {
  const region = bundled.estate.region;
  const buckets = mgnBucketsFor(region);
  const onPremServers = bundled.network.onPremisesRanges
    .filter((r) => r.purpose === 'servers')
    .map((r) => r.cidr);
  const reachOf = (artifacts: CloudFormationStackArtifact[]) =>
    replicationReach(
      new TemplateWalker(new Map(artifacts.map((a) => [a.stackName, a.template as Json])), region),
      'Peterborough-Migration',
      region,
      buckets,
      s3PrefixListFor(region),
    );

  test('private (the default for OFFICIAL-SENSITIVE data): MGN and EC2 through interface endpoints, S3 through the gateway endpoint, no internet', () => {
    expect(replicationNetworkOf(buildEstateModel(bundled))).toBe('private');
    const reach = reachOf(stacks);
    expect(reach).toEqual({
      mgnApi: 'interface-endpoint',
      ec2Api: 'interface-endpoint',
      buckets: Object.fromEntries(buckets.map((b) => [b, true])),
      internet: false,
      agentSources: onPremServers,
      otherIngress: 0,
    });
  });

  test('test instances get a security group with no ingress and HTTPS out only to the endpoints and S3 (never a CIDR: nothing on-premises)', () => {
    const walker = new TemplateWalker(new Map(stacks.map((a) => [a.stackName, a.template as Json])), region);
    const migration = walker.resources('Peterborough-Migration');
    const [id] = Object.entries(migration).find(
      ([, r]) =>
        r.Type === 'AWS::EC2::SecurityGroup' &&
        String((r.Properties as Json).GroupDescription).startsWith('MGN test instances'),
    )!;
    const sg = { stack: 'Peterborough-Migration', id };
    expect(walker.rules(sg, 'ingress')).toEqual([]);
    const egress = walker.rules(sg, 'egress');
    expect(egress.map((r) => [r.protocol, r.from, r.to])).toEqual([
      ['tcp', 443, 443],
      ['tcp', 443, 443],
    ]);
    expect(egress.some((r) => r.cidr !== undefined)).toBe(false);
    expect(egress.filter((r) => r.prefixList === s3PrefixListFor(region))).toHaveLength(1);
    expect(
      egress.filter(
        (r) => r.group?.stack === 'Peterborough-Network' && r.group.id.startsWith('EndpointsSecurityGroup'),
      ),
    ).toHaveLength(1);
    // Published for migrate test.
    const params = Object.values(migration).filter((r) => r.Type === 'AWS::SSM::Parameter');
    expect(params.map((r) => (r.Properties as Json).Name)).toContain(
      mgnTestLaunchParameterName(bundled.estate.id),
    );
  });

  test('public-internet: MGN and EC2 through the NAT gateways, S3 still through the gateway endpoint', () => {
    const plan: Plan = {
      ...bundled,
      migration: { ...bundled.migration, replicationNetwork: 'public-internet' },
    };
    const publicStacks = synth(plan, 'public-internet');
    const reach = reachOf(publicStacks);
    expect(reach).toEqual({
      mgnApi: 'nat',
      ec2Api: 'nat',
      buckets: Object.fromEntries(buckets.map((b) => [b, true])),
      internet: true,
      agentSources: onPremServers,
      otherIngress: 0,
    });
    // No MGN or EC2 interface endpoint is paid for when they are not used.
    const network = publicStacks.find((s) => s.stackName === 'Peterborough-Network')!;
    const walker = new TemplateWalker(new Map([[network.stackName, network.template as Json]]), region);
    const services = walker.endpoints().map((e) => e.service);
    expect(services).toContain(`com.amazonaws.${region}.ssm`);
    expect(services).not.toContain(`com.amazonaws.${region}.mgn`);
    expect(services).not.toContain(`com.amazonaws.${region}.ec2`);
  });
});

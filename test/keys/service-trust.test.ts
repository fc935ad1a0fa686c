/**
 * Confused-deputy conditions on every service-role trust of every stack of both bundled estates:
 * a service principal may assume an estate role only with `aws:SourceAccount`/`aws:SourceArn`
 * (or the `sts:ExternalId` VM Import documents), except for the services listed below, whose AWS
 * documentation names no such key for the role they assume.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { bundledEstateStacks } from '../landing-zone/support/estate';
import type { BundledEstate } from '../support/bundled-assembly';

type Json = Record<string, unknown>;

/** Services AWS documents no source condition for, when they assume a role (and why that is safe). */
const NOT_DOCUMENTED: Readonly<Record<string, string>> = {
  // Instance profiles: EC2 gives the role to the instance it is attached to, nothing else.
  'ec2.amazonaws.com': 'instance profile',
  // Lambda execution roles (the report job, CDK's custom-resource handlers).
  'lambda.amazonaws.com': 'function execution role',
  // AWS Backup's "Cross-service confused deputy prevention" covers resource policies (KMS, SNS) only.
  'backup.amazonaws.com': 'backup selection and restore testing roles',
  // CloudTrail's "Cross-service confused deputy prevention" covers the bucket and topic policies only.
  'cloudtrail.amazonaws.com': 'trail delivery to CloudWatch Logs',
};

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe.each<BundledEstate>(['peterborough', 'northvale'])(
  '%s: service-role trusts carry the confused-deputy conditions',
  (id) => {
    // Templates only: read from the assembly every test file shares.
    const trusts: { where: string; account: string; service: string; condition: Json }[] = [];
    for (const stack of bundledEstateStacks(id)) {
      for (const [logicalId, role] of Object.entries(
        Template.fromJSON(stack.template).findResources('AWS::IAM::Role'),
      )) {
        const doc = ((role as Json).Properties as Json).AssumeRolePolicyDocument as Json;
        for (const s of list(doc.Statement) as Json[]) {
          for (const service of list((s.Principal as Json | undefined)?.Service))
            trusts.push({
              where: `${stack.stackName}/${logicalId}`,
              account: stack.account,
              service: JSON.stringify(service).replace(/"/g, ''),
              condition: (s.Condition as Json | undefined) ?? {},
            });
        }
      }
    }

    test('every other service trust names the source account or ARN', () => {
      expect(trusts.length).toBeGreaterThan(3);
      const missing = trusts
        .filter((t) => !Object.keys(NOT_DOCUMENTED).includes(t.service))
        .filter((t) => !/aws:SourceAccount|aws:SourceArn|sts:ExternalId/.test(JSON.stringify(t.condition)))
        .map((t) => `${t.where}: ${t.service}`);
      expect(missing).toEqual([]);
    });

    test("the source account in a condition is the role's own stack account", () => {
      const named = trusts.filter(
        (t) => (t.condition.StringEquals as Json | undefined)?.['aws:SourceAccount'],
      );
      expect(named.length).toBeGreaterThan(0);
      for (const t of named)
        expect({ where: t.where, account: (t.condition.StringEquals as Json)['aws:SourceAccount'] }).toEqual({
          where: t.where,
          account: t.account,
        });
    });
  },
);

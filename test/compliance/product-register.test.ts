/**
 * The product register (lib/compliance/product-register.yaml) and the estate register's scope:
 * product entries name no estate, the bundled estate's register holds only its own decisions,
 * and an estate entry over OFFICIAL-SENSITIVE data must record its approver role.
 */
import { join } from 'node:path';
import { Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  applyRegister,
  loadProductRegister,
  loadRegister,
  parseRegister,
  RegisterError,
} from '../../lib/compliance/register';
import { tinyApp, tinyStack } from './support/tiny-app';

const product = loadProductRegister();
const estate = loadRegister(
  join(__dirname, '..', '..', 'migration-plans', 'peterborough', 'compliance-register.yaml'),
);

test('the product register loads and its scopes name no estate', () => {
  expect(product.kind).toBe('product');
  expect(product.suppressions.length).toBeGreaterThan(20);
  for (const s of product.suppressions) expect(s.scope).toMatch(/^\*-/);
});

test('design acceptances live only in the product register, not the estate one', () => {
  const designRules = /IAM4|IAM5|IAMNoInlinePolicy|EC2InstancesInVPC|RDSInBackupPlan|RDS11|NativeBackup/;
  expect(estate.suppressions.filter((s) => designRules.test(s.rule) || designRules.test(s.scope))).toEqual(
    [],
  );
  expect(estate.disabledControls).toEqual([]);
  expect(product.suppressions.map((s) => s.rule)).toEqual(
    expect.arrayContaining(['NIST.800.53.R5-EC2InstancesInVPC', 'NIST.800.53.R5-RDSInBackupPlan']),
  );
});

function sensitiveApp() {
  const app = tinyApp();
  const stack = tinyStack(app, 'CmkBad');
  new s3.Bucket(stack, 'S3Managed', { encryption: s3.BucketEncryption.S3_MANAGED });
  Tags.of(stack).add('DataClassification', 'OFFICIAL-SENSITIVE');
  return app;
}

const entry = (approver: string) => `estate: testshire
owner: ICT Security
suppressions:
  - rule: UKPublicSector-CustomerManagedKey
    scope: CmkBad/S3Managed
    reason: Access logs for this bucket are collected by the central CloudTrail data-event trail instead
    acceptedBy: Jane Smith, Head of ICT Security
${approver}    reviewBy: '2027-06-30'
`;
const NOW = new Date('2026-11-28T00:00:00Z');

test('an estate entry over OFFICIAL-SENSITIVE data without an approver role is a problem with file:line', () => {
  try {
    applyRegister(sensitiveApp(), parseRegister('compliance-register.yaml', entry('')), NOW);
    throw new Error('expected a RegisterError');
  } catch (e) {
    expect(e).toBeInstanceOf(RegisterError);
    expect((e as RegisterError).lines()).toEqual([
      'compliance-register.yaml:4:5 suppressions[0].approverRole: suppression of UKPublicSector-CustomerManagedKey covers OFFICIAL-SENSITIVE data (CmkBad/S3Managed); record who approved it: approverRole SIRO (senior information risk owner) or IAO (information asset owner) (allowed: SIRO, IAO)',
    ]);
  }
  expect(
    applyRegister(
      sensitiveApp(),
      parseRegister('compliance-register.yaml', entry('    approverRole: SIRO\n')),
      NOW,
    ),
  ).toHaveLength(1);
});

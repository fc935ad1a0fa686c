/**
 * The Object Lock check (Control Tower, cfn-guard) is answered only on buckets S3 delivers server
 * access logs to, where AWS forbids Object Lock; the real validator still fails it on every other
 * bucket without Object Lock, and the answer is reported with its citation, not dropped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ACCESS_LOG_DESTINATION_REASON,
  acknowledgeAccessLogDestinations,
  OBJECT_LOCK_RULE,
  serverAccessLogDestinations,
} from '../../lib/app/access-log-object-lock';
import { controlTowerValidator, emptyRegister } from '../../lib/compliance';
import { parseValidationReport } from '../../lib/shared/validation-report';
import { AccessLogBucket } from '../../lib/storage';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';

const RULE = OBJECT_LOCK_RULE.split('::')[1]!;

function build() {
  const outdir = tempDir('n-access-log-lock');
  const app = new App({
    context: { ...cdkJsonContext(), '@aws-cdk/core:failSynthOnValidationErrors': false },
    outdir,
  });
  const stack = new Stack(app, 'Logs', { env: { account: '123456789012', region: 'eu-west-2' } });
  const logs = new AccessLogBucket(stack, 'AccessLogs');
  new s3.Bucket(stack, 'Logged', {
    ...logs.loggingFor('logged/'),
    objectLockEnabled: true,
    objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(7)),
    versioned: true,
  });
  new s3.Bucket(stack, 'Plain', { versioned: true });
  // Grants S3 log delivery but no bucket logs to it: not a destination.
  const granted = new s3.Bucket(stack, 'GrantedOnly', { versioned: true });
  granted.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
      actions: ['s3:PutObject'],
      resources: [granted.arnForObjects('*')],
    }),
  );
  Validations.of(app).addPlugins(controlTowerValidator(emptyRegister('test')));
  return { app, stack, outdir };
}

test('only the bucket that other buckets log to, and whose policy admits S3 log delivery, is a destination', () => {
  const { stack } = build();
  expect(serverAccessLogDestinations(stack).map((b) => b.node.path)).toEqual(['Logs/AccessLogs/Resource']);
});

test('the real validator: answered with the AWS citation on the destination, still failing elsewhere', () => {
  const { app, outdir } = build();
  acknowledgeAccessLogDestinations(app);
  app.synth();
  const report = parseValidationReport(
    readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
    'validation-report.json',
  );
  const guard = report.pluginReports.find((p) => p.pluginName === 'cdk-validator-cfnguard')!;
  const failing = guard.violations
    .filter((v) => v.ruleName === RULE)
    .flatMap((v) => v.violatingConstructs.map((c) => c.constructPath));
  expect(failing).toEqual(expect.arrayContaining(['Logs/Plain/Resource', 'Logs/GrantedOnly/Resource']));
  expect(failing.some((p) => p.startsWith('Logs/AccessLogs'))).toBe(false);
  expect(failing.some((p) => p.startsWith('Logs/Logged'))).toBe(false);
  const answered = (guard.suppressedViolations ?? []).filter((v) => v.ruleName === RULE);
  expect(answered.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))).toEqual([
    'Logs/AccessLogs/Resource',
  ]);
  expect(answered[0]!.reason).toBe(ACCESS_LOG_DESTINATION_REASON);
  expect(ACCESS_LOG_DESTINATION_REASON).toContain('Object Lock considerations');
});

test('without the rule the destination fails the check too (the validator does see it)', () => {
  const { app, outdir } = build();
  app.synth();
  const report = parseValidationReport(
    readFileSync(join(outdir, 'validation-report.json'), 'utf8'),
    'validation-report.json',
  );
  const guard = report.pluginReports.find((p) => p.pluginName === 'cdk-validator-cfnguard')!;
  const failing = guard.violations
    .filter((v) => v.ruleName === RULE)
    .flatMap((v) => v.violatingConstructs.map((c) => c.constructPath));
  expect(failing).toContain('Logs/AccessLogs/Resource');
});

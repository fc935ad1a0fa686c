/**
 * The second hop of a backup copy (issue 22, point 7), over the bundled estates: Northvale's plan
 * has `backup.copyRegion: eu-west-1`, so its backup account's home-region recovery vault stack
 * copies completed cross-account copies on to the eu-west-1 vault with a Step Functions state
 * machine (no Lambda), for OFFICIAL recovery points only; Peterborough has no copy region and no
 * such machinery. Nothing names a vault in any region the plan does not allow.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AwsSolutionsChecks } from 'cdk-nag';
import { acknowledgementReason } from '../../lib/compliance';
import { parseValidationReport } from '../../lib/shared/validation-report';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { ESTATE_PLAN_CHECKS } from '../../lib/app';
import { acknowledgeForcedWildcards } from '../../lib/app/forced-wildcards';
import { completedCopyIntoVaultPattern, RecoveryPointCopy } from '../../lib/backup';
import { loadPlan } from '../../lib/plan';
import type { BundledEstate } from '../support/bundled-assembly';
import { bundledEstateStacks, type SharedStack } from './support/estate';

type Json = Record<string, unknown>;

/** The plan and the templates (from the assembly every test file shares) of a bundled estate. */
function estate(id: BundledEstate): { e: readonly SharedStack[]; plan: ReturnType<typeof loadPlan> } {
  const plan = loadPlan(join(__dirname, '..', '..', 'migration-plans', id), { checks: ESTATE_PLAN_CHECKS });
  return { e: bundledEstateStacks(id), plan };
}

function resources(e: readonly SharedStack[], stackName: string): [string, Json][] {
  const stack = e.find((s) => s.stackName === stackName)!;
  return Object.entries((stack.template.Resources ?? {}) as Record<string, Json>);
}
const props = (r: Json): Json => (r.Properties ?? {}) as Json;
const ofType = (rs: [string, Json][], type: string) => rs.filter(([, r]) => r.Type === type);

describe('northvale (backup.copyRegion eu-west-1)', () => {
  const { e, plan } = estate('northvale');
  const backupAccount = plan.accounts.backup;
  const home = resources(e, 'Northvale-RecoveryVault');
  const copyVault = `arn:aws:backup:eu-west-1:${backupAccount}:backup-vault:northvale-recovery`;
  const [[vaultId]] = ofType(home, 'AWS::Backup::BackupVault') as [[string, Json]];
  const [[machineId, machine]] = ofType(home, 'AWS::StepFunctions::StateMachine') as [[string, Json]];
  const definition = JSON.stringify(props(machine).DefinitionString);

  test('the plan allows the copy region; the copy stack is there', () => {
    expect(plan.backup.copyRegion).toBe('eu-west-1');
    expect(plan.estate.allowedRegions).toContain('eu-west-1');
    expect(e.map((s) => s.stackName)).toContain('Northvale-RecoveryVault-eu-west-1');
  });

  test('the rule matches only completed copy jobs into this vault, and starts the state machine with its own role', () => {
    const rules = ofType(home, 'AWS::Events::Rule').filter(([, r]) =>
      JSON.stringify(props(r).Targets).includes(machineId),
    );
    expect(rules).toHaveLength(1);
    const rule = props(rules[0]![1]);
    expect(rule.EventPattern).toEqual({
      source: ['aws.backup'],
      'detail-type': ['Copy Job State Change'],
      detail: {
        state: ['COMPLETED'],
        destinationBackupVaultArn: [{ 'Fn::GetAtt': [vaultId, 'BackupVaultArn'] }],
      },
    });
    const [target] = rule.Targets as Json[];
    expect(target!.Arn).toEqual({ Ref: machineId });
    expect(JSON.stringify(target!.RoleArn)).toContain('StartRole');
  });

  test('the state machine starts a copy of the new recovery point to the copy region vault, with the copy role, for OFFICIAL only', () => {
    expect(definition).toContain(':states:::aws-sdk:backup:startCopyJob');
    expect(definition).toContain(':states:::aws-sdk:backup:listTags');
    expect(definition).not.toContain('lambda');
    expect(definition).toContain('\\"SourceBackupVaultName\\":\\"northvale-recovery\\"');
    expect(definition).toContain(`\\"DestinationBackupVaultArn\\":\\"${copyVault}\\"`);
    expect(definition).toContain('$states.input.detail.destinationRecoveryPointArn');
    const [[copyRoleId, copyRole]] = ofType(home, 'AWS::IAM::Role').filter(([, r]) =>
      JSON.stringify(props(r).AssumeRolePolicyDocument).includes('backup.amazonaws.com'),
    ) as [[string, Json]];
    expect(props(copyRole).RoleName).toBe('northvale-recovery-copy');
    expect(definition).toContain(`{"Fn::GetAtt":["${copyRoleId}","Arn"]}`);
    // Only OFFICIAL recovery points leave the UK; a missing tag stays too.
    expect(definition).toContain('$exists($classification) and $classification in [\\\\\\"OFFICIAL\\\\\\"]');
    expect(definition).not.toContain('OFFICIAL-SENSITIVE');
  });

  test('no vault of a region the plan does not allow is named; the roles may copy only into the copy vault', () => {
    const allowed = new Set(plan.estate.allowedRegions);
    for (const stack of e.filter((s) => s.stackName.includes('RecoveryVault'))) {
      const text = JSON.stringify(stack.template);
      for (const m of text.matchAll(/arn:aws:backup:([a-z0-9-]+):\d{12}:backup-vault:/g))
        expect([m[0], allowed.has(m[1]!)]).toEqual([m[0], true]);
    }
    const policies = ofType(home, 'AWS::IAM::ManagedPolicy').map(([, r]) => props(r).PolicyDocument as Json);
    const statements = policies.flatMap((p) => p.Statement as Json[]);
    const start = statements.find((s) => s.Action === 'backup:StartCopyJob')!;
    expect(start.Resource).toBe(`arn:aws:backup:eu-west-2:${backupAccount}:recovery-point:*`);
    expect(start.Condition).toEqual({
      'ForAllValues:ArnEquals': { 'backup:CopyTargets': [copyVault] },
      Null: { 'backup:CopyTargets': 'false' },
    });
    const into = statements.find((s) => s.Action === 'backup:CopyIntoBackupVault')!;
    expect(into.Resource).toBe(copyVault);
    const pass = statements.find((s) => s.Action === 'iam:PassRole')!;
    expect(pass.Condition).toEqual({ StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' } });
    // Both vault keys let the copy role in, through AWS Backup, EC2 and RDS of their own region only.
    for (const [name, region] of [
      ['Northvale-RecoveryVault', 'eu-west-2'],
      ['Northvale-RecoveryVault-eu-west-1', 'eu-west-1'],
    ] as const) {
      const keys = ofType(resources(e, name), 'AWS::KMS::Key').map(([, r]) => props(r).KeyPolicy as Json);
      const grant = keys
        .flatMap((k) => k.Statement as Json[])
        .find((s) => s.Sid === 'AllowRecoveryCopyRoleViaBackupEc2Rds')!;
      expect(grant.Principal).toEqual({ AWS: `arn:aws:iam::${backupAccount}:role/northvale-recovery-copy` });
      expect(grant.Condition).toEqual({
        StringEquals: {
          'kms:ViaService': [
            `backup.${region}.amazonaws.com`,
            `ec2.${region}.amazonaws.com`,
            `rds.${region}.amazonaws.com`,
          ],
        },
      });
    }
  });

  test("each workload account sends its completed copies into the vault to the backup account's bus, which accepts only those", () => {
    const vaultArn = `arn:aws:backup:eu-west-2:${backupAccount}:backup-vault:northvale-recovery`;
    const busArn = `arn:aws:events:eu-west-2:${backupAccount}:event-bus/default`;
    const workload = [plan.accounts.production, plan.accounts.nonProduction];
    for (const name of ['Northvale-Backup', 'Northvale-NonProduction-Backup']) {
      const rs = resources(e, name);
      const forward = ofType(rs, 'AWS::Events::Rule').filter(([id]) => id.startsWith('CopyEvents'));
      expect(forward).toHaveLength(1);
      const rule = props(forward[0]![1]);
      const text = (x: unknown) => JSON.stringify(x).replace(/\{"Ref":"AWS::Partition"\}/g, 'aws');
      expect(rule.EventPattern).toMatchObject({
        source: ['aws.backup'],
        'detail-type': ['Copy Job State Change'],
        detail: { state: ['COMPLETED'] },
      });
      expect(text((rule.EventPattern as Json).detail)).toContain(vaultArn.replace('arn:aws:', ''));
      const [target] = rule.Targets as Json[];
      expect(text(target!.Arn)).toContain(busArn.replace('arn:aws:', ''));
      expect(target!.RoleArn).toBeDefined();
      const put = ofType(rs, 'AWS::IAM::ManagedPolicy')
        .filter(([id]) => id.startsWith('CopyEvents'))
        .map(([, r]) => text(props(r).PolicyDocument));
      expect(put).toHaveLength(1);
      expect(put[0]).toContain('"Action":"events:PutEvents"');
      expect(put[0]).toContain(busArn.replace('arn:aws:', ''));
    }
    const [[, busPolicy]] = ofType(home, 'AWS::Events::EventBusPolicy') as [[string, Json]];
    const statement = props(busPolicy).Statement as Json;
    expect(statement.Action).toBe('events:PutEvents');
    expect(JSON.stringify(statement.Principal)).toContain(workload[0]!);
    expect(JSON.stringify(statement.Principal)).toContain(workload[1]!);
    expect(statement.Condition).toEqual({
      StringEquals: {
        'events:source': 'aws.backup',
        'events:detail-type': 'Copy Job State Change',
        'aws:PrincipalOrgID': plan.organisation.id,
      },
    });
  });

  test('executions are logged (all events, encrypted) and traced; failures are told to the backup alerts topic', () => {
    expect(props(machine).LoggingConfiguration).toMatchObject({ Level: 'ALL' });
    expect(props(machine).TracingConfiguration).toEqual({ Enabled: true });
    const [[, group]] = ofType(home, 'AWS::Logs::LogGroup').filter(([id]) =>
      id.includes('CopyToCopyRegion'),
    ) as [[string, Json]];
    expect(props(group).KmsKeyId).toBeDefined();
    const failed = ofType(home, 'AWS::Events::Rule').find(([, r]) =>
      JSON.stringify(props(r).EventPattern).includes('Step Functions Execution Status Change'),
    )!;
    expect(JSON.stringify(props(failed[1]).Targets)).toContain('BaselineAlerts');
  });
});

test('peterborough (no copy region): no second hop, no copy role', () => {
  const { e } = estate('peterborough');
  const home = resources(e, 'Peterborough-RecoveryVault');
  expect(ofType(home, 'AWS::StepFunctions::StateMachine')).toEqual([]);
  expect(JSON.stringify(home)).not.toContain('Copy Job State Change');
  expect(JSON.stringify(home)).not.toContain('recovery-copy');
  expect(ofType(home, 'AWS::Events::EventBusPolicy')).toEqual([]);
  expect(
    ofType(resources(e, 'Peterborough-Backup'), 'AWS::Events::Rule').filter(([id]) =>
      id.startsWith('CopyEvents'),
    ),
  ).toEqual([]);
});

function copier(stack: Stack, copyRegion = 'eu-west-1', allowedRegions = ['eu-west-2', 'eu-west-1']) {
  return new RecoveryPointCopy(stack, 'Copy', {
    vaultName: 'x-recovery',
    vaultArn: 'arn:aws:backup:eu-west-2:111122223333:backup-vault:x-recovery',
    vaultKey: new kms.Key(stack, 'Key', { enableKeyRotation: true }),
    copyRegion,
    copyVaultArn: `arn:aws:backup:${copyRegion}:111122223333:backup-vault:x-recovery`,
    allowedRegions,
    copyClassifications: ['OFFICIAL'],
    copyRoleName: 'x-recovery-copy',
    administration: { adminRole: 'Admin', breakGlassRole: 'BreakGlass' },
  });
}

test('AwsSolutions: the forced resource patterns are answered on the two policies; any other wildcard still fails', () => {
  const outdir = tempDir('l-recovery-copy-nag');
  const app = new App({
    context: { ...cdkJsonContext(), '@aws-cdk/core:failSynthOnValidationErrors': false },
    outdir,
  });
  const stack = new Stack(app, 'S', { env: { account: '111122223333', region: 'eu-west-2' } });
  const copy = copier(stack);
  copy.starterPolicy.addStatements(
    new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::elsewhere/*'] }),
  );
  acknowledgeForcedWildcards(app);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  const report = parseValidationReport(readFileSync(join(outdir, 'validation-report.json'), 'utf8'), 'r');
  const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')!;
  const failing = nag.violations.filter((v) => v.ruleName.startsWith('AwsSolutions-IAM5'));
  expect(failing.map((v) => v.ruleName)).toEqual(['AwsSolutions-IAM5[Resource::arn:aws:s3:::elsewhere/*]']);
  // The policies do hold these patterns; each is acknowledged on its own policy, with its reason.
  const expected: [iam.ManagedPolicy, string][] = [
    [copy.starterPolicy, '*'],
    [copy.starterPolicy, 'arn:aws:backup:eu-west-2:111122223333:recovery-point:*'],
    [copy.copyPolicy, '*'],
    ...[
      'arn:aws:ec2:eu-west-1::image/*',
      'arn:aws:ec2:eu-west-1::snapshot/*',
      'arn:aws:ec2:eu-west-2::image/*',
      'arn:aws:ec2:eu-west-2::snapshot/*',
      'arn:aws:rds:eu-west-1:111122223333:snapshot:awsbackup:*',
      'arn:aws:rds:eu-west-2:111122223333:snapshot:awsbackup:*',
    ].map((r): [iam.ManagedPolicy, string] => [copy.copyPolicy, r]),
  ];
  const text = (p: iam.ManagedPolicy) => JSON.stringify(stack.resolve(p.document.toJSON()));
  for (const [policy, resource] of expected) {
    expect(text(policy)).toContain(`"${resource}"`);
    expect(acknowledgementReason(policy, `AwsSolutions-IAM5[Resource::${resource}]`)).toMatch(
      /run time|resource-level permissions/,
    );
  }
  expect(
    acknowledgementReason(copy.starterPolicy, 'AwsSolutions-IAM5[Resource::arn:aws:s3:::elsewhere/*]'),
  ).toBeUndefined();
  expect(
    acknowledgementReason(
      copy.copyPolicy,
      'AwsSolutions-IAM5[Resource::arn:aws:backup:eu-west-2:111122223333:recovery-point:*]',
    ),
  ).toBeUndefined();
  // Nothing else of the construct fails the pack (Step Functions logging and tracing, keys, roles).
  expect(nag.violations.filter((v) => !v.ruleName.startsWith('AwsSolutions-IAM5'))).toEqual([]);
});

test('without the composition answering them, the same patterns fail AwsSolutions-IAM5', () => {
  const outdir = tempDir('l-recovery-copy-nag-bare');
  const app = new App({
    context: { ...cdkJsonContext(), '@aws-cdk/core:failSynthOnValidationErrors': false },
    outdir,
  });
  copier(new Stack(app, 'S', { env: { account: '111122223333', region: 'eu-west-2' } }));
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  app.synth();
  const report = parseValidationReport(readFileSync(join(outdir, 'validation-report.json'), 'utf8'), 'r');
  const nag = report.pluginReports.find((p) => p.pluginName === 'AwsSolutions')!;
  expect(nag.violations.map((v) => v.ruleName)).toEqual(
    expect.arrayContaining([
      'AwsSolutions-IAM5[Resource::*]',
      'AwsSolutions-IAM5[Resource::arn:aws:backup:eu-west-2:111122223333:recovery-point:*]',
    ]),
  );
});

describe('RecoveryPointCopy refuses a copy region the plan does not allow', () => {
  const build = (copyRegion: string, allowedRegions: string[]) => () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111122223333', region: 'eu-west-2' } });
    copier(stack, copyRegion, allowedRegions);
  };
  test('a region outside allowedRegions, or the home region itself, is refused', () => {
    expect(build('us-east-1', ['eu-west-2', 'eu-west-1'])).toThrow(
      /copy region us-east-1 is not another allowed region/,
    );
    expect(build('eu-west-2', ['eu-west-2'])).toThrow(/copy region eu-west-2 is not another allowed region/);
    expect(build('eu-west-1', ['eu-west-2', 'eu-west-1'])).not.toThrow();
  });
  test('the event pattern names the vault and COMPLETED only', () => {
    expect(completedCopyIntoVaultPattern('arn:v')).toEqual({
      source: ['aws.backup'],
      detailType: ['Copy Job State Change'],
      detail: { state: ['COMPLETED'], destinationBackupVaultArn: ['arn:v'] },
    });
  });
});

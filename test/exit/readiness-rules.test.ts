/** Exit-readiness rules: each with a resource that fails it and one that passes; the pack reports warnings. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tags, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { NagRuleCompliance } from 'cdk-nag';
import type { ExitItem } from '../../lib/exit';
import {
  databaseExitDegraded,
  ExitReadinessChecks,
  imageNotExportable,
  routeBlocked,
  stagingRequired,
  type ExitRuleContext,
} from '../../lib/exit/readiness';
import { parseValidationReport } from '../../lib/shared/validation-report';
import { tinyApp, tinyStack } from '../compliance/support/tiny-app';

process.env.CDK_VALIDATION = 'false';

function item(id: string, over: Partial<ExitItem>): ExitItem {
  return {
    type: 'server',
    id,
    application: 'revenues',
    wave: 'wave-1',
    waveOrder: 1,
    entryRoute: 'mgn',
    route: 'image-export',
    formats: ['vmdk'],
    reason: '',
    blockers: [],
    readiness: 'ready',
    score: 100,
    reversesEntry: true,
    dependsOn: [],
    volumeGiB: 1,
    hours: 1,
    egressUsd: '0.00',
    storageUsd: '0.00',
    stagingUsd: '0.00',
    snapshotExportUsd: '0.00',
    totalUsd: '0.00',
    totalWithWaiverUsd: '0.00',
    steps: [],
    ...over,
  };
}

const degrade = { code: 'licence-included-database', severity: 'degrades', message: 'x' } as const;
const block = { code: 'backup-too-large', severity: 'blocks', message: 'y' } as const;
const items: ExitItem[] = [
  item('ready-01', {}),
  item('data-01', {
    route: 'data-export',
    readiness: 'degraded',
    blockers: [{ ...degrade, code: 'licence-included-windows' }],
  }),
  item('staged-01', {
    route: 'staged-export',
    readiness: 'degraded',
    blockers: [{ ...degrade, code: 'encrypted-volumes' }],
  }),
  item('db-ok', { type: 'database', route: 'logical-dump' }),
  item('db-lic', {
    type: 'database',
    route: 'sqlserver-native-backup',
    readiness: 'degraded',
    blockers: [degrade],
  }),
  item('db-big', {
    type: 'database',
    route: 'sqlserver-native-backup',
    readiness: 'blocked',
    blockers: [block],
  }),
];
const context: ExitRuleContext = { items: new Map(items.map((i) => [i.id, i])) };

const app = tinyApp({ '@aws-cdk/core:failSynthOnValidationErrors': false });
const stack = tinyStack(app, 'Exit');
function instance(serverId: string): ec2.CfnInstance {
  const r = new ec2.CfnInstance(stack, `I${serverId}`, { imageId: 'ami-0123456789abcdef0' });
  Tags.of(r).add('ServerId', serverId);
  return r;
}
function database(databaseId: string): rds.CfnDBInstance {
  const r = new rds.CfnDBInstance(stack, `D${databaseId}`, {
    dbInstanceClass: 'db.m6i.large',
    engine: 'postgres',
  });
  Tags.of(r).add('DatabaseId', databaseId);
  return r;
}
const ready = instance('ready-01');
const data = instance('data-01');
const staged = instance('staged-01');
const untracked = instance('unknown-99');
const dbOk = database('db-ok');
const dbLic = database('db-lic');
const dbBig = database('db-big');
Validations.of(app).addPlugins(new ExitReadinessChecks(app, { items }));
const assembly = app.synth();

test.each([
  ['ImageNotExportable', imageNotExportable, data, ready],
  ['StagingRequired', stagingRequired, staged, ready],
  ['DatabaseExitDegraded', databaseExitDegraded, dbLic, dbOk],
  ['RouteBlocked', routeBlocked, dbBig, dbLic],
])('%s: fails the degraded item, passes the other', (_name, rule, bad, good) => {
  expect(rule.evaluate(bad, context)).toBe(NagRuleCompliance.NON_COMPLIANT);
  expect(rule.evaluate(good, context)).toBe(NagRuleCompliance.COMPLIANT);
  expect(rule.evaluate(untracked, context)).toBe(NagRuleCompliance.NOT_APPLICABLE);
});

test('the pack reports warnings (never errors) naming each degraded or blocked item', () => {
  const report = parseValidationReport(
    readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
    'validation-report.json',
  );
  const exit = report.pluginReports.find((p) => p.pluginName === 'ExitReadiness')!;
  const found = exit.violations.flatMap((v) =>
    v.violatingConstructs.map((c) => `${v.severity} ${v.ruleName} ${c.constructPath.split('/')[1]}`),
  );
  // Warnings only: the report stays successful, so the CDK CLI does not fail the synth.
  const raw = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; conclusion: string }[];
  };
  expect(raw.pluginReports.find((p) => p.pluginName === 'ExitReadiness')!.conclusion).toBe('success');
  expect(found.sort()).toEqual([
    'warning ExitReadiness-DatabaseExitDegraded Ddb-lic',
    'warning ExitReadiness-ImageNotExportable Idata-01',
    'warning ExitReadiness-RouteBlocked Ddb-big',
    'warning ExitReadiness-StagingRequired Istaged-01',
  ]);
});

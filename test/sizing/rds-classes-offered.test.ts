/**
 * Every RDS class right-sizing can choose must be one RDS offers for that engine and licence in
 * the estate's region. aws-cdk-lib's template validation carries AWS's table of offered classes
 * (rule E3025), so this synthesizes one CfnDBInstance per (engine, licence, class) the sizing
 * rules allow and asserts validation reports no class problem.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESTATE_APP_CONTEXT } from '../../lib/app';
import { classesSizingMayPick } from '../../lib/sizing';

type Case = [
  engine: string,
  edition: string | undefined,
  licence: string | undefined,
  cfnEngine: string,
  licenseModel: string,
];
const CASES: Case[] = [
  ['sqlserver', 'express', undefined, 'sqlserver-ex', 'license-included'],
  ['sqlserver', 'web', undefined, 'sqlserver-web', 'license-included'],
  ['sqlserver', 'standard', undefined, 'sqlserver-se', 'license-included'],
  ['sqlserver', 'enterprise', undefined, 'sqlserver-ee', 'license-included'],
  ['oracle', 'standard-2', 'aws-licence-included', 'oracle-se2', 'license-included'],
  ['oracle', 'standard-2', 'bring-your-own', 'oracle-se2', 'bring-your-own-license'],
  ['oracle', 'enterprise', 'bring-your-own', 'oracle-ee', 'bring-your-own-license'],
  ['postgresql', undefined, undefined, 'postgres', 'postgresql-license'],
  ['mysql', undefined, undefined, 'mysql', 'general-public-license'],
  ['mariadb', undefined, undefined, 'mariadb', 'general-public-license'],
];

function classesFor(engine: string, edition?: string, licence?: string): string[] {
  return classesSizingMayPick({ engine, edition, licence } as Parameters<typeof classesSizingMayPick>[0]);
}

test('every class the sizing rules can pick is offered in eu-west-2 for its engine and licence', () => {
  const context = JSON.parse(readFileSync('cdk.json', 'utf8')).context;
  const outdir = mkdtempSync(join(tmpdir(), 'rds-classes-'));
  const app = new App({
    context: { ...ESTATE_APP_CONTEXT, ...context, '@aws-cdk/core:failSynthOnValidationErrors': false },
    outdir,
  });
  const stack = new Stack(app, 'RdsClasses', { env: { account: '123456789012', region: 'eu-west-2' } });
  let count = 0;
  for (const [engine, edition, licence, cfnEngine, licenseModel] of CASES) {
    for (const dbInstanceClass of classesFor(engine, edition, licence)) {
      new rds.CfnDBInstance(stack, `${cfnEngine}-${licenseModel}-${dbInstanceClass}`.replace(/\W/g, ''), {
        engine: cfnEngine,
        licenseModel,
        dbInstanceClass,
        allocatedStorage: '100',
      });
      count++;
    }
  }
  expect(count).toBeGreaterThan(100);
  app.synth();
  const reportFile = join(outdir, 'validation-report.json');
  const problems: string[] = [];
  if (existsSync(reportFile)) {
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    for (const plugin of report.pluginReports ?? []) {
      for (const v of plugin.violations ?? []) {
        if (/DBInstanceClass/.test(v.description))
          problems.push(v.description.replace(/ is not one of .* when/, ' is not offered when'));
      }
    }
  }
  expect(problems).toEqual([]);
});

test('SQL Server Enterprise is never sized below xlarge (RDS does not offer it)', () => {
  expect(classesFor('sqlserver', 'enterprise').some((c) => /\.large$/.test(c))).toBe(false);
});

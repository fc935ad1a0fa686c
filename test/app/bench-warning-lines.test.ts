/** scripts/bench/warning-lines.ts: how the benchmark counts the warning lines `cdk synth` prints. */
import { countStderrLines } from '../../scripts/bench/warning-lines';

const STDERR = [
  'Bundling asset Peterborough-CostGovernance/MonthlyReport/Function/Code/Stage...',
  'warning: databases.yaml:4:1 databases: AWS Backup will keep 1586 RDS snapshots at once',
  'warning: servers.yaml servers[].os.version: Windows Server 2016 — 3 items: servers.yaml:1:1',
  'lib/compute/migrated-server.ts:62:21',
  "\u001b[1mWARNING The server's image cannot leave AWS [950 resources, first: A, B, C and 947 more]\u001b[22m",
  '   Estate-Wave01/Srv0000/Instance/Resource aws-cdk-lib.aws_ec2.CfnInstance',
  "   Acknowledge with 'ExitReadiness::ExitReadiness-ImageNotExportable'",
  '',
  'Template validation: 49 of 49 templates are new or changed; validating them (results are kept in .cache/template-validation/ for the next synth)...',
  'lib/compute/migrated-server.ts:62:21',
  'ERROR The EC2 instance is not part of an ASG and has Termination Protection disabled. (AwsSolutions)',
  '   Estate-Wave01/Srv0001/Instance/Resource aws-cdk-lib.aws_ec2.CfnInstance',
  "   Acknowledge with 'AwsSolutions::AwsSolutions-EC29'",
  '',
  'lib/database/migrated-database.ts:193:12',
  "WARNING The database's exit is degraded. [8 resources, first: A, B, C and 5 more]",
  '   Estate-Wave02/Db0003/Instance/Resource aws-cdk-lib.aws_rds.CfnDBInstance',
  "   Acknowledge with 'ExitReadiness::ExitReadiness-DatabaseExitDegraded'",
  'Synthesis finished with errors',
].join('\n');

test('plan warning lines and every line of a WARNING block count as warning lines; ERROR blocks apart', () => {
  expect(countStderrLines(STDERR)).toEqual({
    warningLines: 2 + 4 + 4,
    errorLines: 4,
    warningBlocks: 2,
    errorBlocks: 1,
  });
});

test('output with no findings counts nothing', () => {
  expect(countStderrLines('Successfully synthesized to cdk.out\nSupply a stack id (A, B)\n')).toEqual({
    warningLines: 0,
    errorLines: 0,
    warningBlocks: 0,
    errorBlocks: 0,
  });
});

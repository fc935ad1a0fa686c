/** The pure audit join: ledger + validation report + register -> rows and summaries; CSV cells. */
import { buildAudit, controlIdOf, formatAuditCsv } from '../../lib/compliance/audit';
import { parseValidationReport } from '../../lib/shared/validation-report';
import type { LedgerFinding } from '../../lib/compliance/ledger';
import { parseRegister } from '../../lib/compliance/register';

const register = parseRegister(
  'compliance-register.yaml',
  [
    'estate: testshire',
    'owner: ICT Security',
    'disabledControls:',
    '  - control: ct-s3-pr-9',
    '    reason: "Immutable copies are the recovery points in the vault-locked backup vault"',
    '    acceptedBy: Head of ICT Security',
    '    reviewBy: "2027-05-31"',
  ].join('\n'),
);

const ledger: LedgerFinding[] = [
  {
    pack: 'UKPublicSector',
    ruleId: 'UKPublicSector-DatabaseTls',
    constructPath: 'Wave1/Db/Resource',
    resourceType: 'AWS::RDS::DBInstance',
    level: 'error',
    status: 'fail',
    info: 'no TLS',
    ncsc: [1],
  },
  {
    pack: 'UKPublicSector',
    ruleId: 'UKPublicSector-VpcFlowLogs',
    constructPath: 'Net/Vpc/Resource',
    resourceType: 'AWS::EC2::VPC',
    level: 'error',
    status: 'pass',
    info: 'flow logs',
    ncsc: [13, 5],
  },
];

const report = parseValidationReport(
  JSON.stringify({
    pluginReports: [
      {
        pluginName: 'UKPublicSector',
        violations: [
          {
            ruleName: 'UKPublicSector-DatabaseTls',
            severity: 'error',
            violatingConstructs: [{ constructPath: 'Wave1/Db/Resource' }],
          },
          // In the report but missing from the ledger: must not be lost.
          {
            ruleName: 'UKPublicSector-SecretRotation',
            severity: 'error',
            violatingConstructs: [{ constructPath: 'Wave1/Secret/Resource' }],
          },
        ],
      },
      {
        pluginName: 'cdk-validator-cfnguard',
        violations: [
          {
            ruleName: 's3_bucket_logging_enabled_check',
            description: '[CT.S3.PR.2]: Require logging',
            severity: 'error',
            violatingConstructs: [{ constructPath: 'Wave1/Bucket/Resource' }],
          },
        ],
        suppressedViolations: [
          {
            ruleName: 'rds_instance_no_default_ports_check',
            description: '[CT.RDS.PR.20]: no default port',
            severity: 'error',
            reason: 'kept for cut-over',
            violatingConstructs: [{ constructPath: 'Wave1/Db/Resource' }],
          },
        ],
      },
    ],
  }),
  'validation-report.json',
);

const audit = buildAudit({
  report,
  ledger,
  register,
  controlTowerPack: 'cdk-validator-cfnguard',
  controlTowerControls: ['ct-s3-pr-2', 'ct-s3-pr-9', 'ct-ec2-pr-1'],
});

test('ledger rows are kept once; a report violation the ledger missed is added', () => {
  expect(audit.rows.filter((r) => r.ruleId === 'UKPublicSector-DatabaseTls')).toHaveLength(1);
  expect(audit.rows.find((r) => r.ruleId === 'UKPublicSector-SecretRotation')).toMatchObject({
    status: 'fail',
    stack: 'Wave1',
  });
});

test('Control Tower rows: violations, suppressions, disabled controls and controls with no violation', () => {
  const ct = Object.fromEntries(
    audit.rows.filter((r) => r.pack === 'cdk-validator-cfnguard').map((r) => [r.ruleId, r.status]),
  );
  expect(ct).toEqual({
    'CT.S3.PR.2 s3_bucket_logging_enabled_check': 'fail',
    'CT.RDS.PR.20 rds_instance_no_default_ports_check': 'suppressed',
    'CT.S3.PR.9': 'suppressed',
    'CT.EC2.PR.1': 'pass',
  });
});

test('summaries count unsuppressed errors per pack, per stack and overall', () => {
  expect(audit.totals).toMatchObject({ unsuppressedErrors: 3, pass: 2, suppressed: 2, fail: 3 });
  expect(audit.byPack.UKPublicSector).toMatchObject({ unsuppressedErrors: 2, pass: 1 });
  expect(audit.byStack.Wave1).toMatchObject({ unsuppressedErrors: 3, suppressed: 1 });
});

test('failures sort first', () => {
  expect(audit.rows.slice(0, 3).every((r) => r.status === 'fail')).toBe(true);
});

test('control ids from descriptions and from file names', () => {
  expect(controlIdOf('[CT.KMS.PR.3]: Require ...')).toBe('CT.KMS.PR.3');
  expect(controlIdOf('ct-cloudwatch-pr-2')).toBe('CT.CLOUDWATCH.PR.2');
  expect(controlIdOf('no id here')).toBeUndefined();
});

test('CSV quotes every cell and neutralises spreadsheet formulas', () => {
  const csv = formatAuditCsv([{ ...audit.rows[0]!, description: '=HYPERLINK("x")', reason: 'a, "b"' }]);
  expect(csv.split('\r\n')[1]).toContain('"\'=HYPERLINK(""x"")","a, ""b"""');
});

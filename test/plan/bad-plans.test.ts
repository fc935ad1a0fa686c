/**
 * One bad plan per fixture folder under test/fixtures/plans/<scenario>/, each a complete plan with
 * one defect. `plan validate` must exit 2 and print exactly these problems, nothing more.
 */
import { runCli } from '../../lib/cli';
import { captureIo } from '../cli/capture-io';

const CASES: readonly (readonly [string, readonly string[]])[] = [
  [
    'agreement-end-before-start',
    [
      'estate.yaml:10:5 estate.agreement.end: must be after the agreement start 2026-04 (received "2026-01"; allowed: a month after 2026-04)',
    ],
  ],
  [
    // An existing alerts topic must be in the estate region (alarm actions do not cross regions).
    'alerts-topic-other-region',
    [
      'estate.yaml:35:7 applications[0].alerts.topicArn: must be a topic in the estate region eu-west-2: CloudWatch alarms publish only to topics in their own region (received "arn:aws:sns:eu-west-1:111111111111:revenues-alerts"; allowed: arn:aws:sns:eu-west-2:<account>:<name>)',
    ],
  ],
  [
    'az-outside-region',
    [
      'estate.yaml:15:7 network.availabilityZones[1]: is not an availability zone of the estate region eu-west-2 (received "eu-west-1b"; allowed: eu-west-2a, eu-west-2b, eu-west-2c, ...)',
    ],
  ],
  [
    'bad-enum',
    [
      'estate.yaml:30:5 applications[0].tier: is not one of the allowed values (received "platinum"; allowed: gold, silver, bronze)',
    ],
  ],
  [
    'bad-month',
    [
      'estate.yaml:44:5 waves[0].cutover: must be a month written YYYY-MM, such as "2027-03" (received "2026-13")',
    ],
  ],
  ['binary-file', ['legacy-baseline.yaml: is a binary file, not YAML text']],
  [
    // A whole-plan check owned by the landing zones, run by every command through ESTATE_PLAN_CHECKS.
    'ha-not-offered-for-edition',
    [
      'databases.yaml:12:5 databases[0].highAvailability: Database "revenues-db": RDS offers no Multi-AZ for sqlserver web edition, so high availability cannot be met; choose an edition that supports it (SQL Server standard or enterprise), or set highAvailability: false and record the decision (received true)',
    ],
  ],
  [
    // Entry routes (lib/estate-model/routes/entry-route.ts), also run through ESTATE_PLAN_CHECKS.
    'native-backup-for-postgresql',
    [
      'databases.yaml:21:5 databases[1].entryRoute: database "intranet-db": RDS restores native backups only for SQL Server and Oracle, not PostgreSQL (received "native-backup"; allowed: dms, dump-restore)',
    ],
  ],
  [
    'mgn-unsupported-os',
    [
      'servers.yaml:53:5 servers[1].strategy: server "revenues-app-01" would move with AWS MGN, which does not support Windows Server 2000: Windows Server 2000 is not in MGN\'s supported list; set entryRoute: rebuild (with an image) or vm-import (received "mgn"; allowed: Windows Server 2008, 2008 R2, 2012, 2012 R2, 2016, 2019, 2022, 2025)',
    ],
  ],
  [
    // The estate model's one high-availability rule: the tier requires Multi-AZ, the plan forbids it.
    'ha-forbidden-by-gold-tier',
    [
      'databases.yaml:12:5 databases[0].highAvailability: Database "revenues-db": the gold tier of application "revenues" requires Multi-AZ; remove highAvailability (the tier decides) or move the application to the bronze tier (received false)',
    ],
  ],
  [
    // The tier requires Multi-AZ (nothing in the plan asks for it) but the edition cannot have it.
    'ha-tier-needs-edition',
    [
      'databases.yaml:7:5 databases[0].edition: Database "revenues-db": the gold tier of application "revenues" requires Multi-AZ, but RDS offers none for sqlserver web edition; choose an edition that supports it (SQL Server standard or enterprise), or move the application to the bronze tier (received "web")',
    ],
  ],
  [
    'cidr-octet-too-big',
    [
      'estate.yaml:18:7 network.onPremisesRanges[0].cidr: has an octet above 255 (received "10.300.0.0/16"; allowed: octets 0-255)',
    ],
  ],
  [
    'database-too-large',
    [
      'databases.yaml:9:5 databases[0].sizeGiB: is larger than RDS storage for sqlserver (received 20000; allowed: <= 16384)',
    ],
  ],
  [
    'decommission-before-cutover',
    [
      'estate.yaml:50:5 waves[1].decommission: is before the wave\'s cutover 2026-09 (received "2026-08"; allowed: 2026-09 or later)',
    ],
  ],
  [
    'dependency-cycle',
    [
      'servers.yaml:51:5 servers[1].dependsOn: dependency cycle: revenues-app-01 -> revenues-db -> revenues-app-01',
    ],
  ],
  [
    'duplicate-cost-id',
    [
      'legacy-baseline.yaml:18:5 monthlyCosts[2].id: duplicate monthly cost id; already used by monthlyCosts[0].id (received "dc-space")',
    ],
  ],
  [
    'duplicate-hostname',
    [
      'servers.yaml:28:5 servers[1].hostname: duplicate hostname (hostnames are compared ignoring case); already used by servers[0].hostname (received "intweb01")',
    ],
  ],
  [
    'duplicate-wave-order',
    [
      'estate.yaml:48:5 waves[1].order: is already used by wave wave-1; wave orders must be unique (received 1)',
    ],
  ],
  ['duplicate-yaml-key', ['databases.yaml:19:5: is not valid YAML: Map keys must be unique']],
  ['empty-file', ['servers.yaml: is empty']],
  [
    // A rate of 0 would show AWS spend as £0.00; 79 is pence typed as pounds.
    'exchange-rate-implausible',
    [
      'legacy-baseline.yaml:32:5 exchangeRates[0].usdToGbp: is not a plausible GBP per USD rate (received "0"; allowed: from 0.3 to 3, e.g. 0.79)',
      'legacy-baseline.yaml:35:5 exchangeRates[1].usdToGbp: is not a plausible GBP per USD rate (received "79"; allowed: from 0.3 to 3, e.g. 0.79)',
    ],
  ],
  [
    'exchange-rate-gap',
    [
      'legacy-baseline.yaml:31:5 exchangeRates[0].from: no exchange rate covers the agreement start 2026-04; the earliest is from 2026-06 (allowed: a rate from 2026-04 or earlier)',
    ],
  ],
  [
    'flow-from-unknown-form',
    [
      'servers.yaml:47:9 servers[1].inboundFlows[1].from: does not match any allowed form; did you mean "application" instead of "app"? (received {app}; allowed: {application} or {onPremises} or {cidr})',
    ],
  ],
  [
    'malformed-yaml',
    ['estate.yaml:7:11: is not valid YAML: Nested mappings are not allowed in compact mappings'],
  ],
  [
    'mgn-csv-bad-cells',
    [
      'mgn-import.csv:3:8 servers[1].vcpu (column vcpu): must be a number (received "four")',
      'mgn-import.csv:3:10 servers[1].disks (column disks): must be disks written purpose:GiB separated by ";" (received "os:100;data=200"; allowed: e.g. os:100;data:200)',
    ],
  ],
  [
    'mgn-csv-duplicate-server',
    [
      'mgn-import.csv:2:3 servers[3].id (column mgn:server:user-provided-id): duplicate server or database id; already used by servers[2].id (received "legacy-fax-01")',
      'mgn-import.csv:2:4 servers[3].hostname (column mgn:server:fqdn-for-action-framework): duplicate hostname (hostnames are compared ignoring case); already used by servers[2].hostname (received "fax01")',
    ],
  ],
  [
    'mgn-csv-unknown-column',
    [
      'mgn-import.csv:1:9: unknown column "memory-gb"; did you mean "memory-gib"? (allowed: mgn:server:user-provided-id, mgn:server:fqdn-for-action-framework, mgn:app:name, mgn:wave:name, mgn:server:platform, mgn:launch:instance-type, hostname, os-family, os-name, os-version, vcpu, memory-gib, disks, strategy, image, instance-type, licence, depends-on, cpu-p95-percent, memory-p95-percent, notes, or any other mgn: column (ignored))',
    ],
  ],
  [
    'misaligned-cidr',
    [
      'estate.yaml:12:3 network.vpcCidr: is not aligned to its prefix (host bits set) (received "10.40.1.0/16"; allowed: 10.40.0.0/16)',
    ],
  ],
  ['missing-file', ['databases.yaml: file not found in the plan folder']],
  [
    'negative-memory',
    ['servers.yaml:36:5 servers[1].memoryGiB: must be a positive number (received -4; allowed: > 0)'],
  ],
  [
    'overlapping-cidrs',
    [
      'estate.yaml:21:7 network.onPremisesRanges[1].cidr: overlaps the VPC CIDR 10.40.0.0/16; on-premises and AWS addresses must not clash (received "10.40.8.0/24")',
    ],
  ],
  [
    'oversized-disk',
    [
      'servers.yaml:40:9 servers[1].disks[1].sizeGiB: is larger than one gp3 volume (received 20000; allowed: <= 16384)',
    ],
  ],
  [
    'backup-account-is-production',
    [
      'estate.yaml:28:3 accounts.backup: must differ from accounts.production: copies in the workload account do not survive a compromised workload administrator (received "111111111111"; allowed: an account other than 111111111111)',
    ],
  ],
  [
    // A separate non-production account with landing-zone resources needs its own VPC.
    'non-production-vpc-missing',
    [
      'estate.yaml:11:1 network.nonProduction: is required: accounts.nonProduction (222222222222) is a separate account and non-production resources (intranet-web-01, intranet-db) need a VPC there (allowed: network: { nonProduction: { vpcCidr: <a CIDR apart from network.vpcCidr and the on-premises ranges> } })',
    ],
  ],
  [
    'non-production-vpc-overlaps',
    [
      'estate.yaml:26:5 network.nonProduction.vpcCidr: overlaps the production VPC CIDR 10.40.0.0/16; the two workload VPCs must not clash (both reach on-premises over the hybrid link) (received "10.40.128.0/17")',
    ],
  ],
  [
    'non-production-vpc-overlaps-on-premises',
    [
      'estate.yaml:18:7 network.onPremisesRanges[0].cidr: overlaps the non-production VPC CIDR 10.0.0.0/16; on-premises and AWS addresses must not clash (received "10.0.0.0/16")',
    ],
  ],
  [
    'non-production-vpc-unused',
    [
      'estate.yaml:25:3 network.nonProduction: is the VPC of a separate non-production account, but accounts.nonProduction is not one: non-production applications share the production VPC (allowed: leave network.nonProduction out, or name a separate accounts.nonProduction)',
    ],
  ],
  [
    // The estate model puts revenues (production) and intranet (non-production) in different
    // accounts, whose VPCs are not connected: the flow between them has no path.
    'cross-account-flow',
    [
      'servers.yaml:48:11 servers[1].inboundFlows[1].from.application: flow to server "revenues-app-01" (production account 111111111111) port 8080 from application "intranet" (non-production account 222222222222) has no network path: the two workload VPCs are not connected (received "intranet"; allowed: an application in the production account, or an on-premises range)',
    ],
  ],
  [
    // Finance (estate.account) and the workload stacks (accounts.production) must be one account.
    'estate-account-not-production',
    [
      'estate.yaml:6:3 estate.account: must equal accounts.production (111111111111): the finance stacks (budgets, cost reports, billing configuration) and the exit plan use estate.account, every other estate stack deploys to accounts.production (received "123456789012"; allowed: 111111111111)',
    ],
  ],
  [
    'break-glass-role-missing',
    [
      'estate.yaml:29:1 keyAdministration: must name breakGlassRole when accounts are given: the only role that may disable or schedule deletion of the keys (allowed: keyAdministration: { adminRole: ..., breakGlassRole: <IAM role name> })',
    ],
  ],
  [
    'copy-region-not-allowed',
    [
      'estate.yaml:27:3 backup.copyRegion: is not in estate.allowedRegions: backup copies are council data (received "eu-west-1"; allowed: eu-west-2)',
    ],
  ],
  [
    'us-region-without-allowed-regions',
    [
      'estate.yaml:7:3 estate.region: is outside the UK: an estate without estate.allowedRegions is held to eu-west-2 (London); list the region in estate.allowedRegions to widen it on purpose (received "us-east-1"; allowed: eu-west-2)',
    ],
  ],
  [
    'region-not-allowed',
    [
      'estate.yaml:7:3 estate.region: is not in estate.allowedRegions (received "eu-west-2"; allowed: eu-west-1)',
    ],
  ],
  [
    'rebuild-without-image',
    [
      'servers.yaml:27:5 servers[1].image: is required for entry route rebuild (server "revenues-app-01" is built new from an image) (allowed: {baseImage} or {importedImageId})',
    ],
  ],
  [
    'retain-with-flows',
    [
      'servers.yaml:69:5 servers[2].inboundFlows: must be empty for strategy retain (the server is not in AWS to receive traffic)',
    ],
  ],
  [
    'retire-with-image',
    ['servers.yaml:70:5 servers[2].image: must not be set for strategy retire (no EC2 instance is built)'],
  ],
  [
    'unknown-key',
    [
      'estate.yaml:26:5 applications[0].costCentre: is required (allowed: text)',
      'estate.yaml:29:5 applications[0].costCenter: unknown key; did you mean "costCentre"? (allowed: id, name, owner, costCentre, tier, dataClassification, environment, ownerEmail, tagValues, alerts)',
    ],
  ],
  [
    // plan validate checks every file of the folder, the compliance register too (synth refuses it).
    'broken-register',
    ['compliance-register.yaml:6:5 suppressions[0].acceptedBy: is required (received nothing)'],
  ],
  [
    'register-other-estate',
    [
      'compliance-register.yaml:1:1 estate: belongs to estate "peterborough", not "testshire" (received "peterborough")',
    ],
  ],
  [
    // Review dates are checked against the CLI's clock (the tests' reads 2027-01-15).
    'register-expired',
    [
      'compliance-register.yaml:5:5 suppressions[0].reviewBy: suppression of AwsSolutions-IAM4 on "Testshire-Wave1/ServerRole/Role" expired on 2026-12-31; Head of ICT Security must review it and set a new date, or fix the finding (received "2026-12-31"; allowed: 2027-01-15 or later)',
    ],
  ],
  [
    // SQL Server 2014 (12.00) is not offered by RDS; the message lists years and version numbers.
    'sqlserver-version-unknown',
    [
      'databases.yaml:3:5 databases[0]: Database "revenues-db": SQL Server version "12.00" is not supported on RDS here; use one of "2016" (13.00), "2017" (14.00), "2019" (15.00), "2022" (16.00)',
    ],
  ],
  [
    // Far off in spelling, but the one required key that is missing beside it is the likely meaning.
    'unknown-key-far-off',
    [
      'servers.yaml:27:5 servers[1].memoryGiB: is required (allowed: a number)',
      'servers.yaml:36:5 servers[1].memroy: unknown key; did you mean "memoryGiB"? (allowed: id, hostname, application, wave, os, vcpu, memoryGiB, disks, utilisation, inboundFlows, outboundFlows, dependsOn, strategy, licence, image, entryRoute, placementGroup, instanceType, notes)',
    ],
  ],
  [
    'unknown-on-premises-range',
    [
      'servers.yaml:44:11 servers[1].inboundFlows[0].from.onPremises: unknown on-premises range; did you mean "corporate-lan"? (received "corprate-lan"; allowed: corporate-lan, it-admin)',
    ],
  ],
  [
    'unknown-wave',
    [
      'servers.yaml:30:5 servers[1].wave: unknown wave; did you mean "wave-1"? (received "wave-3"; allowed: wave-1, wave-2)',
    ],
  ],
  ['unquoted-account', ['estate.yaml:6:3 estate.account: must be text (received 123456789012)']],
  [
    'vault-lock-min-above-max',
    [
      'estate.yaml:27:5 backup.vaultLock.minRetentionDays: must not be above maxRetentionDays (365) (received 400; allowed: <= 365)',
    ],
  ],
  [
    'vpc-prefix-too-wide',
    [
      'estate.yaml:12:3 network.vpcCidr: has a prefix outside what a VPC allows (received "10.32.0.0/12"; allowed: /16 to /28)',
    ],
  ],
  [
    'wave-order-violation',
    [
      'servers.yaml:25:9 servers[0].dependsOn[0]: "intranet-web-01" is in wave wave-1 (order 1) but depends on database "revenues-db" in the later wave wave-2 (order 2) (allowed: a dependency in wave order <= 1)',
    ],
  ],
];

describe.each(CASES)('plan validate test/fixtures/plans/%s', (scenario, expected) => {
  test('exits 2 and lists exactly the expected problems', async () => {
    const io = captureIo();
    const code = await runCli(['plan', 'validate', `test/fixtures/plans/${scenario}`], io);
    expect(code).toBe(2);
    expect(io.out()).toBe('');
    const n = expected.length;
    expect(io.err().split('\n')).toEqual([
      `Plan test/fixtures/plans/${scenario} has ${n} problem${n === 1 ? '' : 's'}:`,
      ...expected.map((line) => `  ${line}`),
      '',
    ]);
  });
});

test('a missing plan folder is one problem, no stack trace', async () => {
  const io = captureIo();
  const code = await runCli(['plan', 'validate', 'test/fixtures/plans/does-not-exist'], io);
  expect(code).toBe(2);
  expect(io.err()).toBe(
    'Plan test/fixtures/plans/does-not-exist has 1 problem:\n  test/fixtures/plans/does-not-exist: plan folder not found\n',
  );
});

test('there are at least 20 bad-plan scenarios', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(20);
});

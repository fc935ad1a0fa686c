/** Plan warnings: valid plans that deserve a decision, with the exact messages. */
import { formatProblem, formatWarning } from '../../lib/plan';
import { snapshotQuotaWarnings, retainedSnapshotsPerDatabase } from '../../lib/backup';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { buildEstateModel } from '../../lib/estate-model';

describe('plan warnings', () => {
  test('a minimal plan without old software or VPC-wide sources has none', () => {
    expect(buildPlan(minimalPlanInput()).warnings).toEqual([]);
  });

  test('Windows Server 2016 on a landing-zone server warns with the date and its public source', () => {
    const input = minimalPlanInput();
    input.servers.servers[1].os.version = '2016';
    const lines = buildPlan(input).warnings.map(formatWarning);
    expect(lines).toEqual([
      'warning: servers.yaml servers[1].os.version: Windows Server 2016: Microsoft extended support ends (security updates only through paid Extended Security Updates after it) on 2027-01-12 (source: https://learn.microsoft.com/en-us/lifecycle/products/windows-server-2016), before the AWS agreement ends (2028-03); plan the upgrade',
    ]);
  });

  test('no lifecycle warning when the date falls after the agreement, or the server is retired', () => {
    const input = minimalPlanInput();
    input.servers.servers[1].os.version = '2016';
    input.estate.estate.agreement.end = '2026-12';
    expect(buildPlan(input).warnings).toEqual([]);
    const retired = minimalPlanInput();
    retired.servers.servers[2].os.version = '2016';
    expect(buildPlan(retired).warnings).toEqual([]);
  });

  test('MySQL 8.0 warns that RDS standard support ends on 2026-07-31', () => {
    const input = minimalPlanInput();
    input.databases.databases[1] = { ...input.databases.databases[1], engine: 'mysql', version: '8.0' };
    const [w] = buildPlan(input).warnings.map(formatProblem);
    expect(w).toMatch(
      /^databases\.yaml databases\[1\]\.version: Amazon RDS for MySQL 8\.0: RDS standard support ends .* on 2026-07-31 \(source: https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\/latest\/UserGuide\/MySQL\.Concepts\.VersionMgmt\.html\)/,
    );
  });

  test('a flow from the whole VPC warns, naming the flow', () => {
    const input = minimalPlanInput();
    input.servers.servers[1].inboundFlows.push({
      from: { cidr: '10.40.0.0/16' },
      port: 445,
      description: 'File shares',
    });
    expect(buildPlan(input).warnings.map(formatProblem)).toEqual([
      'servers.yaml servers[1].inboundFlows[2].from.cidr: flow "File shares" to revenues-app-01 port 445 admits the whole VPC (10.40.0.0/16); name the source applications instead (received "10.40.0.0/16")',
    ]);
  });

  test('an outbound flow to 0.0.0.0/0 is a problem: internet egress must say internet: true', () => {
    const input = minimalPlanInput();
    input.servers.servers[1].outboundFlows = [{ to: { cidr: '0.0.0.0/0' }, port: 443 }];
    expect(() => buildPlan(input)).toThrow(/outboundFlows\[0\]\.to\.cidr: opens the server to every address/);
  });

  test('RDS snapshots kept by the tier plans are counted against the default quota of 100', () => {
    expect(retainedSnapshotsPerDatabase('bronze')).toBe(14);
    const plan = buildPlan(minimalPlanInput());
    // One gold SQL Server (hourly for 7 days alone is 168 snapshots) and one bronze PostgreSQL.
    const [w] = snapshotQuotaWarnings(buildEstateModel(plan));
    expect(w?.message).toMatch(
      /^AWS Backup will keep \d+ RDS snapshots at once \(1 gold x \d+ \+ 1 bronze x 14\), above the default quota of 100/,
    );
  });
});

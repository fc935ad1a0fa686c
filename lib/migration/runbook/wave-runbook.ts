/**
 * The content of one wave's runbook, from the plan and its entry routes (pure). Formatters turn it
 * into Markdown and HTML; the content is decided once, here.
 */
import { databaseEntry, serverEntry } from '../../estate-model/routes/entry-route';
import type { Plan, PlanDatabase, PlanServer, PlanWave } from '../../plan/plan';
import { tagsForServer } from '../../tagging';
import { buildEstateModel, serverDecision } from '../../estate-model';
import { constructIdFor } from '../../shared/naming';
import { mgnAccountHints } from './mgn-accounts';

export interface RunbookSection {
  readonly title: string;
  /** Steps in order; commands are shown verbatim. */
  readonly steps: readonly { readonly text: string; readonly command?: string }[];
}

export interface RunbookItem {
  readonly kind: 'server' | 'database';
  readonly id: string;
  readonly name: string;
  readonly application: string;
  readonly route: string;
  readonly how: string;
}

export interface WaveRunbook {
  readonly estate: string;
  readonly wave: PlanWave;
  readonly items: readonly RunbookItem[];
  readonly sections: readonly RunbookSection[];
}

function databaseSteps(db: PlanDatabase): { text: string; command?: string }[] {
  const route = databaseEntry(db).route;
  const name = db.id.replace(/-/g, '_');
  switch (route) {
    case 'dms':
      return [
        {
          text: `${db.id}: confirm the DMS replication is in full load + CDC with validation passing`,
          command: `aws dms describe-replications --filters Name=replication-config-arn,Values=<${db.id} replication config ARN>`,
        },
        {
          text: `${db.id}: stop application writes, wait for CDC latency 0 and validation "Validated", then stop the replication`,
          command: `aws dms stop-replication --replication-config-arn <${db.id} replication config ARN>`,
        },
      ];
    case 'native-backup':
      return db.engine === 'sqlserver'
        ? [
            {
              text: `${db.id}: take a final full backup on-premises and copy it to the native-backup bucket`,
              command: `BACKUP DATABASE [${name}] TO DISK = N'${name}.bak' WITH COPY_ONLY, CHECKSUM; aws s3 cp ${name}.bak s3://<native-backup bucket>/${name}.bak`,
            },
            {
              text: `${db.id}: restore it into RDS and watch the task`,
              command: `exec msdb.dbo.rds_restore_database @restore_db_name='${name}', @s3_arn_to_restore_from='arn:aws:s3:::<native-backup bucket>/${name}.bak'; exec msdb.dbo.rds_task_status @db_name='${name}';`,
            },
          ]
        : [
            {
              text: `${db.id}: export with Data Pump on-premises and copy the dump to the S3 integration bucket`,
              command: `expdp system schemas=<schemas> directory=DATA_PUMP_DIR dumpfile=${name}.dmp logfile=${name}_exp.log; aws s3 cp ${name}.dmp s3://<native-backup bucket>/${name}.dmp`,
            },
            {
              text: `${db.id}: download into DATA_PUMP_DIR on RDS and import`,
              command: `SELECT rdsadmin.rdsadmin_s3_tasks.download_from_s3(p_bucket_name => '<native-backup bucket>', p_s3_prefix => '${name}.dmp', p_directory_name => 'DATA_PUMP_DIR') FROM dual; -- then DBMS_DATAPUMP.OPEN('IMPORT','SCHEMA') with dump file ${name}.dmp`,
            },
          ];
    case 'dump-restore':
      return db.engine === 'postgresql'
        ? [
            {
              text: `${db.id}: stop writes, dump and restore into RDS`,
              command: `pg_dump -Fc -d ${name} -f ${name}.dump && pg_restore --no-owner -h <${db.id} endpoint> -U <admin user> -d ${name} ${name}.dump`,
            },
          ]
        : [
            {
              text: `${db.id}: stop writes, dump and restore into RDS`,
              command: `mysqldump --single-transaction --routines --triggers --databases ${name} > ${name}.sql && mysql -h <${db.id} endpoint> -u <admin user> -p < ${name}.sql`,
            },
          ];
    default:
      return [];
  }
}

function serverCutover(
  plan: Plan,
  servers: readonly PlanServer[],
  wave: PlanWave,
  estate: string,
): { text: string; command?: string }[] {
  const steps: { text: string; command?: string }[] = [];
  const mgn = servers.filter((s) => serverEntry(s).route === 'mgn');
  const built = servers.filter((s) => serverEntry(s).route !== 'mgn');
  // One deploy per workload account the estate model put this wave's servers in, production first.
  const model = buildEstateModel(plan);
  for (const hint of mgnAccountHints(model, mgn)) {
    steps.push({
      text: `Start the cut-over launch of the MGN servers (${hint.servers.map((s) => s.id).join(', ')})${hint.where}`,
      command: `aws mgn start-cutover --source-server-ids <ids from: npm run estate -- migrate status --wave ${wave.id}${hint.flag}>`,
    });
  }
  const separate = model.accounts.length > 1;
  for (const account of model.accounts) {
    const here = built.filter((s) => serverDecision(model, s.id).stack.account.role === account.role);
    if (here.length === 0) continue;
    const where = separate ? ` in the ${account.role} account ${account.account}` : '';
    const profile = separate ? ` --profile <${account.role} account profile>` : '';
    steps.push({
      text: `Deploy the wave stacks that build ${here.map((s) => s.id).join(', ')} (${here
        .map((s) => serverEntry(s).route)
        .filter((r, i, a) => a.indexOf(r) === i)
        .join(', ')})${where}`,
      command: `npx cdk deploy '${estate}-${account.stackPrefix}Wave${String(wave.order).padStart(2, '0')}-*'${profile}`,
    });
  }
  return steps;
}

export function waveRunbook(plan: Plan, waveId: string): WaveRunbook {
  const wave = plan.waves.find((w) => w.id === waveId);
  if (!wave) throw new Error(`Plan has no wave "${waveId}"`);
  const servers = plan.servers.filter((s) => s.wave === wave.id);
  const databases = plan.databases.filter((d) => d.wave === wave.id);
  const items: RunbookItem[] = [
    ...servers.map((s) => {
      const e = serverEntry(s);
      return {
        kind: 'server' as const,
        id: s.id,
        name: s.hostname,
        application: s.application,
        route: e.route,
        how: e.reason,
      };
    }),
    ...databases.map((d) => {
      const e = databaseEntry(d);
      return {
        kind: 'database' as const,
        id: d.id,
        name: `${d.engine} ${d.version}`,
        application: d.application,
        route: e.route,
        how: e.reason,
      };
    }),
  ];
  const moving = servers.filter((s) => serverEntry(s).route !== 'none');
  const mgn = moving.filter((s) => serverEntry(s).route === 'mgn');
  const movingDbs = databases.filter((d) => databaseEntry(d).route !== 'none');
  const backupTags = [
    ...new Set(moving.map((s) => `${s.id}: BackupTier=${tagsForServer(plan, s).BackupTier ?? '-'}`)),
  ];
  const estate = constructIdFor(plan.estate.id);
  const hints = mgnAccountHints(buildEstateModel(plan), mgn);
  const sections: RunbookSection[] = [
    {
      title: 'Pre-checks (the week before)',
      steps: [
        ...hints.flatMap((h) => [
          {
            text: `Replication healthy: every MGN server${h.where} CONTINUOUS with lag under a minute`,
            command: `npm run estate -- migrate status --wave ${wave.id}${h.flag}`,
          },
          {
            text: `Launch settings and launch templates${h.where} (type, subnet, security group, profile, EBS key, tags) match the model: the dry run reports nothing to change`,
            command: `npm run estate -- migrate configure --wave ${wave.id}${h.flag} --dry-run`,
          },
        ]),
        { text: `Backup plan selected by tags: ${backupTags.join('; ') || 'no servers'}` },
        {
          text: 'DNS TTLs of every name served by this wave lowered to 60 seconds, at least 48 hours before cut-over',
        },
        { text: 'Change approved; service owners and the service desk told the cut-over window' },
      ],
    },
    {
      title: 'Test launch and its checks',
      steps: [
        ...hints.map((h) => ({
          text: `Launch test instances of the MGN servers${h.where}`,
          command: `aws mgn start-test --source-server-ids <ids from: npm run estate -- migrate status --wave ${wave.id}${h.flag}>`,
        })),
        {
          text: 'Each test instance is managed by Systems Manager (Fleet Manager shows it online) and reports CloudWatch agent metrics',
        },
        {
          text: "Each application's smoke test passes against the test instances; then mark them ready for cut-over",
          command:
            mgn.length > 0
              ? 'aws mgn change-server-life-cycle-state --source-server-id <id> --life-cycle state=READY_FOR_CUTOVER'
              : undefined,
        },
      ].map((s) => (s.command ? s : { text: s.text })),
    },
    {
      title: `Cut-over (${wave.cutover})`,
      steps: [
        ...serverCutover(plan, moving, wave, estate),
        ...movingDbs.flatMap(databaseSteps),
        { text: 'Repoint DNS to the new addresses; run the smoke tests; service owners sign off' },
        ...(mgn.length > 0
          ? [
              ...hints.map((h) => ({
                text: `Record the launched instances${h.where} and turn on termination protection for the production ones (the command does both; check it reports every server)`,
                command: `npm run estate -- migrate adopt --wave ${wave.id}${h.flag}`,
              })),
              {
                text: 'Commit migration-state.yaml and deploy the wave stacks (adds the recovery alarms; nothing is replaced or rebooted)',
                command: 'npx cdk deploy <the wave stacks of this wave>',
              },
              {
                text: 'Finalize the cut-over in MGN (stops replication)',
                command: 'aws mgn finalize-cutover --source-server-id <id>',
              },
            ]
          : []),
      ],
    },
    {
      title: 'Rollback (until sign-off)',
      steps: [
        { text: 'Point DNS back to the on-premises addresses (TTLs are still 60 seconds)' },
        ...(mgn.length > 0
          ? [
              {
                text: 'Keep the MGN source servers replicating: do not finalize; the on-premises servers stay the primary',
              },
            ]
          : []),
        ...(movingDbs.some((d) => databaseEntry(d).route === 'dms')
          ? [
              {
                text: 'DMS databases: the on-premises database is still the source; resume application writes there',
              },
            ]
          : []),
        {
          text: 'Restore databases changed since the cut-over from the final on-premises backup, if writes reached the new ones',
        },
      ],
    },
    {
      title: 'Decommission',
      steps: [
        {
          text: `Switch off the on-premises servers of this wave in ${wave.decommission} (their legacy costs stop after that month)`,
        },
        ...(mgn.length > 0
          ? [{ text: 'Archive the MGN source servers and uninstall the replication agents' }]
          : []),
      ],
    },
  ];
  return { estate: plan.estate.name, wave, items, sections };
}

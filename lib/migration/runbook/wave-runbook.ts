/**
 * The content of one wave's runbook, from the plan and its entry routes (pure). Formatters turn it
 * into Markdown and HTML; the content is decided once, here.
 */
import type { PlanDatabase, PlanServer, PlanWave } from '../../plan/plan';
import { databaseRoutesOf, serverDecision, serverRoutesOf, type EstateModel } from '../../estate-model';
import { constructIdFor } from '../../shared/naming';
import { mgnAccountHints } from './mgn-accounts';
import { dmsSection } from './dms-section';
import type { RunbookItem, RunbookSection, RunbookStep, WaveRunbook } from './runbook-types';

export type { RunbookItem, RunbookSection, RunbookStep, WaveRunbook } from './runbook-types';

function databaseSteps(model: EstateModel, db: PlanDatabase): RunbookStep[] {
  const route = databaseRoutesOf(model, db.id).entry.route;
  const name = db.id.replace(/-/g, '_');
  switch (route) {
    case 'dms':
      return [
        {
          text: `${db.id}: the replication is running with CDC caught up and validation passing`,
          command: `npm run estate -- migrate db status --wave ${db.wave}`,
        },
        {
          text: `${db.id}: with application writes stopped and CDC latency 0, stop the replication`,
          command: `npm run estate -- migrate db stop --wave ${db.wave}`,
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
  model: EstateModel,
  servers: readonly PlanServer[],
  wave: PlanWave,
  estate: string,
): RunbookStep[] {
  const steps: RunbookStep[] = [];
  const routeOf = (s: PlanServer) => serverRoutesOf(model, s.id).entry.route;
  const mgn = servers.filter((s) => routeOf(s) === 'mgn');
  const built = servers.filter((s) => routeOf(s) !== 'mgn');
  // One deploy per workload account the estate model put this wave's servers in, production first.
  for (const hint of mgnAccountHints(model, mgn)) {
    steps.push({
      text: `Final sync${hint.where}: every MGN server of the wave (${hint.servers.map((s) => s.id).join(', ')}) reports lag PT0S and backlog 0 now that its services are stopped`,
      command: `npm run estate -- migrate status --wave ${wave.id}${hint.flag}`,
    });
    steps.push({
      text: `Cut over the MGN servers${hint.where}: refused unless the final sync is complete; puts the production placement back in each launch template and launches the cut-over instances`,
      command: `npm run estate -- migrate cutover --wave ${wave.id}${hint.flag} --source-stopped`,
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
        .map(routeOf)
        .filter((r, i, a) => a.indexOf(r) === i)
        .join(', ')})${where}`,
      command: `npx cdk deploy '${estate}-${account.stackPrefix}Wave${String(wave.order).padStart(2, '0')}-*'${profile}`,
    });
  }
  return steps;
}

/** What every section of one wave's runbook is built from. */
interface WaveFacts {
  readonly model: EstateModel;
  readonly wave: PlanWave;
  /** Servers of the wave that move (entry route other than none). */
  readonly moving: readonly PlanServer[];
  /** Those moving through MGN. */
  readonly mgn: readonly PlanServer[];
  readonly movingDbs: readonly PlanDatabase[];
  readonly dmsDbs: readonly PlanDatabase[];
  /** One per workload account holding MGN servers of the wave: where, and the CLI flag for it. */
  readonly hints: ReturnType<typeof mgnAccountHints>;
}

export function waveRunbook(model: EstateModel, waveId: string): WaveRunbook {
  const wave = model.planned.waves.find((w) => w.id === waveId);
  if (!wave) throw new Error(`Plan has no wave "${waveId}"`);
  const servers = model.planned.servers.filter((s) => s.wave === wave.id);
  const databases = model.planned.databases.filter((d) => d.wave === wave.id);
  const serverRoute = (s: PlanServer) => serverRoutesOf(model, s.id).entry.route;
  const databaseRoute = (d: PlanDatabase) => databaseRoutesOf(model, d.id).entry.route;
  const moving = servers.filter((s) => serverRoute(s) !== 'none');
  const mgn = moving.filter((s) => serverRoute(s) === 'mgn');
  const movingDbs = databases.filter((d) => databaseRoute(d) !== 'none');
  const facts: WaveFacts = {
    model,
    wave,
    moving,
    mgn,
    movingDbs,
    dmsDbs: movingDbs.filter((d) => databaseRoute(d) === 'dms'),
    hints: mgnAccountHints(model, mgn),
  };
  const sections: RunbookSection[] = [
    ...(mgn.length > 0 ? [setUpSection(facts)] : []),
    ...(facts.dmsDbs.length > 0 ? [dmsSection(model, wave, facts.dmsDbs)] : []),
    ...(mgn.length > 0 ? [testLaunchSection(facts)] : []),
    preChecksSection(facts),
    cutoverSection(facts),
    rollbackSection(facts),
    decommissionSection(facts),
  ];
  return { estate: model.estate.name, wave, items: runbookItems(model, servers, databases), sections };
}

/** Every server and database of the wave, with its entry route and why. */
function runbookItems(
  model: EstateModel,
  servers: readonly PlanServer[],
  databases: readonly PlanDatabase[],
): RunbookItem[] {
  return [
    ...servers.map((s) => {
      const e = serverRoutesOf(model, s.id).entry;
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
      const e = databaseRoutesOf(model, d.id).entry;
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
}

/** The BackupTier tag the model gives a server's instance (`-` when it gets none). */
function backupTierTagOf(model: EstateModel, id: string): string {
  const item = model.servers.find((s) => s.id === id);
  return (item?.landingZone ? item.tags.BackupTier : undefined) ?? '-';
}

function setUpSection({ wave, hints }: WaveFacts): RunbookSection {
  return {
    title: 'Set up (once the replication agents are installed and the initial sync has started)',
    steps: hints.flatMap((h) => [
      {
        text: `AWS MGN initialised${h.where} (once per account; a re-run changes nothing)`,
        command: `npm run estate -- migrate init${h.flag}`,
      },
      {
        text: `Launch settings and launch templates${h.where} set from the model (type, subnet, security group, profile, EBS key, tags)`,
        command: `npm run estate -- migrate configure --wave ${wave.id}${h.flag}`,
      },
    ]),
  };
}

function testLaunchSection({ wave, hints }: WaveFacts): RunbookSection {
  return {
    title: `Test launch (at least two weeks before the cut-over in ${wave.cutover})`,
    steps: [
      ...hints.map((h) => ({
        text: `Launch test instances of the MGN servers${h.where}: each lands in its own subnet with the isolated test security group (nothing in; HTTPS out to the AWS endpoints only, never on-premises, so a domain-joined copy cannot reach the domain)`,
        command: `npm run estate -- migrate test --wave ${wave.id}${h.flag}`,
      })),
      {
        text: 'Each test instance is managed by Systems Manager (Fleet Manager shows it online), the post-launch actions succeeded and it reports CloudWatch agent metrics',
      },
      ...hints.map((h) => ({
        text: `Each application's smoke test passes against the test instances: terminate them and mark the servers ready for cut-over${h.where}`,
        command: `npm run estate -- migrate mark-ready --wave ${wave.id}${h.flag}`,
      })),
      ...hints.map((h) => ({
        text: `If a test fails: terminate the test instances and return the servers to ready for testing${h.where}; fix, then test again`,
        command: `npm run estate -- migrate revert --wave ${wave.id}${h.flag}`,
        when: 'if-needed' as const,
      })),
    ],
  };
}

function preChecksSection({ model, wave, moving, hints }: WaveFacts): RunbookSection {
  const backupTags = [...new Set(moving.map((s) => `${s.id}: BackupTier=${backupTierTagOf(model, s.id)}`))];
  return {
    title: 'Pre-checks (the week before)',
    steps: [
      ...hints.flatMap((h) => [
        {
          text: `Replication healthy: every MGN server${h.where} CONTINUOUS with lag under a minute (the command names any stalled server with MGN's error, backlog and ETA)`,
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
  };
}

function cutoverSection({ model, wave, moving, mgn, movingDbs, hints }: WaveFacts): RunbookSection {
  const ifMgn = <T>(steps: T[]): T[] => (mgn.length > 0 ? steps : []);
  return {
    title: `Cut-over (${wave.cutover})`,
    steps: [
      ...ifMgn([
        {
          text: "Final sync: stop the source servers' application services (the servers stay on and keep replicating), so no write arrives after the last block is copied",
        },
      ]),
      ...serverCutover(model, moving, wave, constructIdFor(model.estate.id)),
      ...movingDbs.flatMap((d) => databaseSteps(model, d)),
      { text: 'Repoint DNS to the new addresses; run the smoke tests; service owners sign off' },
      ...ifMgn([
        ...hints.map((h) => ({
          text: `After sign-off: finalize the cut-over${h.where} (MGN stops replication and marks the servers CUTOVER; this ends the rollback path)`,
          command: `npm run estate -- migrate finalize --wave ${wave.id}${h.flag}`,
        })),
        ...hints.map((h) => ({
          text: `Record the launched instances${h.where} in migration-state.yaml and turn on termination protection for the production ones (waits while a server is still cutting over; exits 1 if one is left)`,
          command: `npm run estate -- migrate adopt --wave ${wave.id}${h.flag} --wait`,
        })),
        {
          text: 'Commit migration-state.yaml and deploy the wave stacks (adds the recovery alarms; nothing is replaced or rebooted)',
          command: 'npx cdk deploy <the wave stacks of this wave>',
        },
      ]),
    ],
  };
}

function rollbackSection({ wave, mgn, dmsDbs }: WaveFacts): RunbookSection {
  return {
    title: 'Rollback (until the cut-over is finalized)',
    steps: [
      {
        text: 'Point DNS back to the on-premises addresses (TTLs are still 60 seconds)',
        when: 'if-needed',
      },
      ...(mgn.length > 0
        ? [
            {
              text: "Restart the source servers' services: they are still the primary and MGN is still replicating them (do not finalize); stop the cut-over instances in EC2 and cut over again later",
              when: 'if-needed' as const,
            },
          ]
        : []),
      ...(dmsDbs.length > 0
        ? [
            {
              text: 'DMS databases: the on-premises database is still the source; resume application writes there, then restart the replication',
              command: `npm run estate -- migrate db start --wave ${wave.id}`,
              when: 'if-needed' as const,
            },
          ]
        : []),
      {
        text: 'Restore databases changed since the cut-over from the final on-premises backup, if writes reached the new ones',
        when: 'if-needed',
      },
    ],
  };
}

function decommissionSection({ wave, mgn, hints }: WaveFacts): RunbookSection {
  return {
    title: 'Decommission',
    steps: [
      {
        text: `Switch off the on-premises servers of this wave in ${wave.decommission} (their legacy costs stop after that month)`,
      },
      ...(mgn.length > 0
        ? hints.map((h) => ({
            text: `After ${wave.decommission}: archive the MGN source servers${h.where} (refused before then) and uninstall the replication agents`,
            command: `npm run estate -- migrate archive --wave ${wave.id}${h.flag}`,
          }))
        : []),
    ],
  };
}

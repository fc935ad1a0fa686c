import { rightSizeDatabase, SizingError } from '../../lib/sizing';

type Env = 'production' | 'non-production';
type Engine = 'sqlserver' | 'oracle' | 'postgresql' | 'mysql' | 'mariadb';

interface Row {
  readonly what: string;
  readonly engine: Engine;
  readonly edition?: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly env?: Env;
  readonly cls: string;
  readonly reason: string;
}

const KEPT = 'kept (no utilisation data for databases)';

const rows: Row[] = [
  {
    what: 'SQL Server Express config database (production) still goes on db.t3',
    engine: 'sqlserver',
    edition: 'express',
    vcpu: 2,
    memoryGiB: 4,
    cls: 'db.t3.medium',
    reason: `SQL Server Express, on-premises 2 vCPU / 4 GiB ${KEPT}; SQL Server Express runs on db.t3 classes only -> db.t3.medium (2 vCPU, 4 GiB)`,
  },
  {
    what: 'SQL Server Express at its 4-core limit',
    engine: 'sqlserver',
    edition: 'express',
    vcpu: 4,
    memoryGiB: 8,
    env: 'non-production',
    cls: 'db.t3.xlarge',
    reason: `SQL Server Express, on-premises 4 vCPU / 8 GiB ${KEPT}; SQL Server Express runs on db.t3 classes only -> db.t3.xlarge (4 vCPU, 16 GiB)`,
  },
  {
    what: 'SQL Server Web portal database',
    engine: 'sqlserver',
    edition: 'web',
    vcpu: 2,
    memoryGiB: 8,
    cls: 'db.m6i.large',
    reason: `SQL Server Web, on-premises 2 vCPU / 8 GiB ${KEPT}; db.m6i.large (2 vCPU, 8 GiB)`,
  },
  {
    what: 'SQL Server Standard ERP database, memory-heavy',
    engine: 'sqlserver',
    edition: 'standard',
    vcpu: 8,
    memoryGiB: 64,
    cls: 'db.r6i.2xlarge',
    reason: `SQL Server Standard, on-premises 8 vCPU / 64 GiB ${KEPT}; db.r6i.2xlarge (8 vCPU, 64 GiB)`,
  },
  {
    what: 'SQL Server Standard EDRMS database',
    engine: 'sqlserver',
    edition: 'standard',
    vcpu: 8,
    memoryGiB: 32,
    cls: 'db.m6i.2xlarge',
    reason: `SQL Server Standard, on-premises 8 vCPU / 32 GiB ${KEPT}; db.m6i.2xlarge (8 vCPU, 32 GiB)`,
  },
  {
    what: 'small non-production SQL Server Standard stays on db.m6i (db.t3 would add licensed vCPUs)',
    engine: 'sqlserver',
    edition: 'standard',
    vcpu: 2,
    memoryGiB: 8,
    env: 'non-production',
    cls: 'db.m6i.large',
    reason: `SQL Server Standard, on-premises 2 vCPU / 8 GiB ${KEPT}; db.m6i.large (2 vCPU, 8 GiB)`,
  },
  {
    what: 'small non-production Oracle SE2 on db.t3',
    engine: 'oracle',
    edition: 'standard-2',
    vcpu: 2,
    memoryGiB: 8,
    env: 'non-production',
    cls: 'db.t3.large',
    reason: `Oracle SE2, on-premises 2 vCPU / 8 GiB ${KEPT}; small non-production database -> db.t3.large (2 vCPU, 8 GiB)`,
  },
  {
    what: 'SQL Server Enterprise social care database',
    engine: 'sqlserver',
    edition: 'enterprise',
    vcpu: 16,
    memoryGiB: 128,
    cls: 'db.r6i.4xlarge',
    reason: `SQL Server Enterprise, on-premises 16 vCPU / 128 GiB ${KEPT}; db.r6i.4xlarge (16 vCPU, 128 GiB)`,
  },
  {
    what: 'Oracle SE2 revenues database',
    engine: 'oracle',
    edition: 'standard-2',
    vcpu: 8,
    memoryGiB: 64,
    cls: 'db.r6i.2xlarge',
    reason: `Oracle SE2, on-premises 8 vCPU / 64 GiB ${KEPT}; db.r6i.2xlarge (8 vCPU, 64 GiB)`,
  },
  {
    what: 'Oracle Enterprise warehouse beyond SE2 limits',
    engine: 'oracle',
    edition: 'enterprise',
    vcpu: 24,
    memoryGiB: 256,
    cls: 'db.r6i.8xlarge',
    reason: `Oracle Enterprise, on-premises 24 vCPU / 256 GiB ${KEPT}; db.r6i.8xlarge (32 vCPU, 256 GiB)`,
  },
  {
    what: 'PostGIS database on Graviton',
    engine: 'postgresql',
    vcpu: 4,
    memoryGiB: 16,
    cls: 'db.m7g.xlarge',
    reason: `PostgreSQL, on-premises 4 vCPU / 16 GiB ${KEPT}; db.m7g.xlarge (4 vCPU, 16 GiB)`,
  },
  {
    what: 'small production PostgreSQL is not burstable',
    engine: 'postgresql',
    vcpu: 2,
    memoryGiB: 4,
    cls: 'db.m7g.large',
    reason: `PostgreSQL, on-premises 2 vCPU / 4 GiB ${KEPT}; db.m7g.large (2 vCPU, 8 GiB)`,
  },
  {
    what: 'small non-production PostgreSQL on db.t4g',
    engine: 'postgresql',
    vcpu: 2,
    memoryGiB: 4,
    env: 'non-production',
    cls: 'db.t4g.medium',
    reason: `PostgreSQL, on-premises 2 vCPU / 4 GiB ${KEPT}; small non-production database -> db.t4g.medium (2 vCPU, 4 GiB)`,
  },
  {
    what: 'tiny non-production MySQL on db.t4g.micro',
    engine: 'mysql',
    vcpu: 1,
    memoryGiB: 1,
    env: 'non-production',
    cls: 'db.t4g.micro',
    reason: `MySQL, on-premises 1 vCPU / 1 GiB ${KEPT}; small non-production database -> db.t4g.micro (2 vCPU, 1 GiB)`,
  },
  {
    what: 'MariaDB housing database',
    engine: 'mariadb',
    vcpu: 4,
    memoryGiB: 16,
    cls: 'db.m7g.xlarge',
    reason: `MariaDB, on-premises 4 vCPU / 16 GiB ${KEPT}; db.m7g.xlarge (4 vCPU, 16 GiB)`,
  },
  {
    what: 'non-production MariaDB too big to count as small',
    engine: 'mariadb',
    vcpu: 4,
    memoryGiB: 16,
    env: 'non-production',
    cls: 'db.m7g.xlarge',
    reason: `MariaDB, on-premises 4 vCPU / 16 GiB ${KEPT}; db.m7g.xlarge (4 vCPU, 16 GiB)`,
  },
];

describe('rightSizeDatabase: council databases', () => {
  test.each(rows)('$what -> $cls', (row) => {
    const d = rightSizeDatabase(
      { id: 'db', engine: row.engine, edition: row.edition, vcpu: row.vcpu, memoryGiB: row.memoryGiB },
      { id: 'app', environment: row.env ?? 'production' },
    );
    expect(d).toMatchObject({ instanceClass: row.cls, reason: row.reason, overridden: false });
  });
});

describe('rightSizeDatabase: overrides', () => {
  test('instanceClass from the plan wins and the reason says so', () => {
    const d = rightSizeDatabase(
      {
        id: 'plan-db',
        engine: 'sqlserver',
        edition: 'standard',
        vcpu: 4,
        memoryGiB: 16,
        instanceClass: 'db.r6i.xlarge',
      },
      { id: 'app', environment: 'production' },
    );
    expect(d).toMatchObject({ instanceClass: 'db.r6i.xlarge', overridden: true });
    expect(d.reason).toBe(
      `instanceClass db.r6i.xlarge set in the plan (override); SQL Server Standard, on-premises 4 vCPU / 16 GiB ${KEPT}`,
    );
  });

  test('an override from another engine family is kept, with a note', () => {
    const d = rightSizeDatabase(
      { id: 'gis-db', engine: 'postgresql', vcpu: 4, memoryGiB: 16, instanceClass: 'db.m6i.xlarge' },
      { id: 'app', environment: 'production' },
    );
    expect(d.instanceClass).toBe('db.m6i.xlarge');
    expect(d.reason).toMatch(
      /note: db\.m6i\.xlarge is outside the classes sizing uses for PostgreSQL, check RDS offers it$/,
    );
  });
});

describe('rightSizeDatabase: limits of each edition', () => {
  const prod = { id: 'app', environment: 'production' as const };
  test('SQL Server Express larger than db.t3.xlarge', () => {
    expect(() =>
      rightSizeDatabase(
        { id: 'big-express', engine: 'sqlserver', edition: 'express', vcpu: 8, memoryGiB: 32 },
        prod,
      ),
    ).toThrow(
      'Database "big-express" needs 8 vCPU / 32 GiB but SQL Server Express runs only on db.t3.small..db.t3.xlarge (4 vCPU, 16 GiB). Use another edition, or set "instanceClass" in databases.yaml.',
    );
  });
  test('Oracle SE2 beyond 16 vCPU', () => {
    expect(() =>
      rightSizeDatabase(
        { id: 'rev-db', engine: 'oracle', edition: 'standard-2', vcpu: 32, memoryGiB: 128 },
        prod,
      ),
    ).toThrow(
      'Database "rev-db" needs 32 vCPU / 128 GiB, more than the largest class sizing picks for Oracle SE2 (db.m5/db.r6i up to 4xlarge). Set "instanceClass" for it in databases.yaml.',
    );
  });
  test('Oracle SE2 with its own licence is limited to 8 vCPU (Oracle cloud licensing policy)', () => {
    const byol = {
      id: 'rev-db',
      engine: 'oracle' as const,
      edition: 'standard-2',
      licence: 'bring-your-own',
    };
    expect(rightSizeDatabase({ ...byol, vcpu: 8, memoryGiB: 64 }, prod).instanceClass).toBe('db.r6i.2xlarge');
    expect(() => rightSizeDatabase({ ...byol, vcpu: 12, memoryGiB: 64 }, prod)).toThrow(
      'Database "rev-db" needs 12 vCPU / 64 GiB, more than the largest class sizing picks for Oracle SE2 (bring your own licence) (db.m6i/db.r6i up to 2xlarge). Set "instanceClass" for it in databases.yaml.',
    );
    expect(
      rightSizeDatabase({ ...byol, licence: 'aws-licence-included', vcpu: 12, memoryGiB: 64 }, prod)
        .instanceClass,
    ).toBe('db.m5.4xlarge');
  });
  test('SQL Server Web beyond 16 vCPU', () => {
    expect(() =>
      rightSizeDatabase({ id: 'w', engine: 'sqlserver', edition: 'web', vcpu: 24, memoryGiB: 64 }, prod),
    ).toThrow(SizingError);
  });
});

/** Table tests: OS, licence, entry route, encryption and engine -> exit route and blockers. */
import {
  decideDatabaseExitRoute,
  decideServerExitRoute,
  exitReadiness,
  exitReadinessScore,
  type ExitDatabaseFacts,
  type ExitServerFacts,
  type ServerEntryRoute,
} from '../../lib/estate-model/routes/exit-route';

const WINDOWS = { family: 'windows', name: 'Windows Server', version: '2019' } as const;
const UBUNTU = { family: 'linux', name: 'Ubuntu', version: '22.04' } as const;
const RHEL = { family: 'linux', name: 'RHEL', version: '9' } as const;

function server(over: Partial<ExitServerFacts>): ExitServerFacts {
  return {
    id: 's1',
    strategy: 'rehost',
    os: UBUNTU,
    licence: 'aws-licence-included',
    image: { baseImage: 'ubuntu-22.04' },
    disks: [{ sizeGiB: 100 }],
    ...over,
  };
}

describe('server exit routes', () => {
  type Row = [
    string,
    Partial<ExitServerFacts>,
    ServerEntryRoute,
    boolean,
    string,
    string[],
    boolean, // leaves the way it came
  ];
  const rows: Row[] = [
    ['Linux via MGN, unencrypted', {}, 'mgn', false, 'image-export', [], true],
    ['Linux via MGN, encrypted', {}, 'mgn', true, 'staged-export', ['encrypted-volumes'], true],
    [
      'Linux via VM Import, unencrypted',
      { image: { importedImageId: 'ami-0123456789abcdef0' } },
      'vm-import',
      false,
      'image-export',
      [],
      true,
    ],
    ['Linux rebuilt from Ubuntu, unencrypted', {}, 'rebuild', false, 'image-export', [], false],
    [
      'Linux rebuilt from Ubuntu, encrypted',
      {},
      'rebuild',
      true,
      'staged-export',
      ['encrypted-volumes'],
      false,
    ],
    [
      'RHEL rebuilt from the AWS RHEL image',
      { os: RHEL, image: { baseImage: 'rhel-9' } },
      'rebuild',
      true,
      'data-export',
      ['aws-provided-image'],
      false,
    ],
    [
      'RHEL via MGN (own subscription)',
      { os: RHEL, image: { baseImage: 'rhel-9' } },
      'mgn',
      false,
      'image-export',
      [],
      true,
    ],
    [
      'Windows licence-included via MGN',
      { os: WINDOWS },
      'mgn',
      true,
      'data-export',
      ['licence-included-windows'],
      false,
    ],
    [
      'Windows licence-included via VM Import',
      { os: WINDOWS },
      'vm-import',
      false,
      'data-export',
      ['licence-included-windows'],
      false,
    ],
    [
      'Windows BYOL via MGN, unencrypted',
      { os: WINDOWS, licence: 'bring-your-own' },
      'mgn',
      false,
      'image-export',
      [],
      true,
    ],
    [
      'Windows BYOL via VM Import, encrypted',
      { os: WINDOWS, licence: 'bring-your-own' },
      'vm-import',
      true,
      'staged-export',
      ['encrypted-volumes'],
      true,
    ],
    [
      'Windows rebuilt from the AWS Windows image',
      { os: WINDOWS, image: { baseImage: 'windows-server-2019' } },
      'rebuild',
      false,
      'data-export',
      ['aws-provided-image'],
      false,
    ],
    [
      'Windows BYOL rebuilt from the AWS image',
      { os: WINDOWS, licence: 'bring-your-own', image: { baseImage: 'windows-server-2022' } },
      'rebuild',
      false,
      'data-export',
      ['aws-provided-image'],
      false,
    ],
    [
      'Windows 2008 BYOL via MGN',
      { os: { family: 'windows', name: 'Windows Server', version: '2008 R2' }, licence: 'bring-your-own' },
      'mgn',
      false,
      'data-export',
      ['os-not-exportable'],
      false,
    ],
    [
      'Linux with a 2 TiB volume',
      { disks: [{ sizeGiB: 50 }, { sizeGiB: 2048 }] },
      'mgn',
      true,
      'data-export',
      ['volume-over-1tib'],
      false,
    ],
    ['Linux with exactly 1 TiB', { disks: [{ sizeGiB: 1024 }] }, 'mgn', false, 'image-export', [], true],
    ['Retired server', { strategy: 'retire' }, 'mgn', true, 'none', [], false],
    ['Retained server', { strategy: 'retain' }, 'mgn', true, 'none', [], false],
    ['Repurchased server', { strategy: 'repurchase' }, 'rebuild', true, 'none', [], false],
  ];
  it.each(rows)('%s', (_name, over, entry, encrypted, kind, codes, reverses) => {
    const route = decideServerExitRoute(server(over), entry, encrypted);
    expect(route.kind).toBe(kind);
    expect(route.blockers.map((b) => b.code)).toEqual(codes);
    expect(route.reversesEntry).toBe(reverses);
    if (kind === 'none') expect(route.formats).toEqual([]);
    else if (kind === 'data-export') expect(route.formats).toEqual(['files']);
    else expect(route.formats).toEqual(['vmdk', 'vhd', 'raw']);
  });
});

describe('database exit routes', () => {
  function db(over: Partial<ExitDatabaseFacts>): ExitDatabaseFacts {
    return {
      id: 'd1',
      strategy: 'replatform',
      engine: 'postgresql',
      licence: 'aws-licence-included',
      sizeGiB: 100,
      ...over,
    };
  }
  type Row = [string, Partial<ExitDatabaseFacts>, string, string[], string[], boolean];
  const rows: Row[] = [
    ['PostgreSQL', {}, 'logical-dump', ['pgdump', 'parquet'], [], true],
    ['MySQL', { engine: 'mysql' }, 'logical-dump', ['sql', 'parquet'], [], true],
    ['MariaDB', { engine: 'mariadb' }, 'logical-dump', ['sql', 'parquet'], [], true],
    [
      'SQL Server standard, licence-included',
      { engine: 'sqlserver', edition: 'standard' },
      'sqlserver-native-backup',
      ['bak'],
      ['licence-included-database'],
      false,
    ],
    [
      'SQL Server express (no licence)',
      { engine: 'sqlserver', edition: 'express' },
      'sqlserver-native-backup',
      ['bak'],
      [],
      false,
    ],
    [
      'SQL Server enterprise BYOL',
      { engine: 'sqlserver', edition: 'enterprise', licence: 'bring-your-own' },
      'sqlserver-native-backup',
      ['bak'],
      [],
      false,
    ],
    [
      'SQL Server over 50 TiB',
      { engine: 'sqlserver', edition: 'express', sizeGiB: 60_000 },
      'sqlserver-native-backup',
      ['bak'],
      ['backup-too-large'],
      false,
    ],
    [
      'Oracle SE2 licence-included',
      { engine: 'oracle', edition: 'standard-2' },
      'oracle-data-pump',
      ['dmp'],
      ['licence-included-database'],
      false,
    ],
    [
      'Oracle EE BYOL',
      { engine: 'oracle', edition: 'enterprise', licence: 'bring-your-own' },
      'oracle-data-pump',
      ['dmp'],
      [],
      false,
    ],
    ['Retired database', { strategy: 'retire' }, 'none', [], [], false],
  ];
  it.each(rows)('%s', (_name, over, kind, formats, codes, parquet) => {
    for (const entry of ['dms', 'native-backup', 'dump-restore'] as const) {
      const route = decideDatabaseExitRoute(db(over), entry);
      expect(route.kind).toBe(kind);
      expect(route.formats).toEqual(formats);
      expect(route.blockers.map((b) => b.code)).toEqual(codes);
      expect(route.parquetSnapshotExport).toBe(parquet);
    }
  });
});

describe('readiness', () => {
  it('scores and classifies blockers', () => {
    const degrade = { code: 'x', severity: 'degrades', message: 'x' } as const;
    const block = { code: 'y', severity: 'blocks', message: 'y' } as const;
    expect(exitReadinessScore([])).toBe(100);
    expect(exitReadinessScore([degrade])).toBe(85);
    expect(exitReadinessScore([degrade, block])).toBe(25);
    expect(exitReadinessScore([block, block])).toBe(0);
    expect(exitReadiness('image-export', [])).toBe('ready');
    expect(exitReadiness('staged-export', [degrade])).toBe('degraded');
    expect(exitReadiness('sqlserver-native-backup', [degrade, block])).toBe('blocked');
    expect(exitReadiness('none', [])).toBe('not-applicable');
  });
});

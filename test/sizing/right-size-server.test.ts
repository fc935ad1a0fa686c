import type { PlanServer } from '../../lib/plan/plan';
import { rightSizeServer, SizingError, type SizingDecision } from '../../lib/sizing';

type Env = 'production' | 'non-production';
const app = (environment: Env) => ({ id: 'app', environment });

interface Row {
  readonly what: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly util?: readonly [cpu: number, memory: number];
  readonly env?: Env;
  readonly type: string;
  readonly reason: string;
}

// Realistic council servers; expected types and reasons worked out by hand from the rules:
// need = p95 x 1.3 (rounded up to 0.1), smallest size with enough vCPU, then c7i / m7i / r7i by memory.
const rows: Row[] = [
  {
    what: 'domain controller, memory-heavy for its CPU',
    vcpu: 4,
    memoryGiB: 16,
    util: [18, 45],
    type: 'r7i.large',
    reason:
      'p95 CPU 18% of 4 vCPU -> 1 vCPU needed with 30% headroom; p95 memory 45% of 16 GiB -> 9.4 GiB needed; r7i.large (2 vCPU, 16 GiB)',
  },
  {
    what: 'case management app server with headroom pushing past 2 vCPU',
    vcpu: 8,
    memoryGiB: 16,
    util: [22, 55],
    type: 'm7i.xlarge',
    reason:
      'p95 CPU 22% of 8 vCPU -> 2.3 vCPU needed with 30% headroom; p95 memory 55% of 16 GiB -> 11.5 GiB needed; m7i.xlarge (4 vCPU, 16 GiB)',
  },
  {
    what: 'configuration manager with local SQL Server',
    vcpu: 8,
    memoryGiB: 32,
    util: [32, 70],
    type: 'r7i.xlarge',
    reason:
      'p95 CPU 32% of 8 vCPU -> 3.4 vCPU needed with 30% headroom; p95 memory 70% of 32 GiB -> 29.2 GiB needed; r7i.xlarge (4 vCPU, 32 GiB)',
  },
  {
    what: 'monitoring server, CPU-bound',
    vcpu: 4,
    memoryGiB: 8,
    util: [40, 65],
    type: 'c7i.xlarge',
    reason:
      'p95 CPU 40% of 4 vCPU -> 2.1 vCPU needed with 30% headroom; p95 memory 65% of 8 GiB -> 6.8 GiB needed; c7i.xlarge (4 vCPU, 8 GiB)',
  },
  {
    what: 'GIS map server',
    vcpu: 8,
    memoryGiB: 32,
    util: [40, 65],
    type: 'm7i.2xlarge',
    reason:
      'p95 CPU 40% of 8 vCPU -> 4.2 vCPU needed with 30% headroom; p95 memory 65% of 32 GiB -> 27.1 GiB needed; m7i.2xlarge (8 vCPU, 32 GiB)',
  },
  {
    what: 'social care application server',
    vcpu: 16,
    memoryGiB: 64,
    util: [50, 75],
    type: 'm7i.4xlarge',
    reason:
      'p95 CPU 50% of 16 vCPU -> 10.4 vCPU needed with 30% headroom; p95 memory 75% of 64 GiB -> 62.4 GiB needed; m7i.4xlarge (16 vCPU, 64 GiB)',
  },
  {
    what: 'quiet production server never goes burstable',
    vcpu: 4,
    memoryGiB: 8,
    util: [5, 35],
    type: 'c7i.large',
    reason:
      'p95 CPU 5% of 4 vCPU -> 0.3 vCPU needed with 30% headroom; p95 memory 35% of 8 GiB -> 3.7 GiB needed; c7i.large (2 vCPU, 4 GiB)',
  },
  {
    what: 'certificate authority without utilisation data keeps its allocation',
    vcpu: 2,
    memoryGiB: 4,
    type: 'c7i.large',
    reason: 'no utilisation data: keeping the on-premises 2 vCPU / 4 GiB; c7i.large (2 vCPU, 4 GiB)',
  },
  {
    what: 'billing-run server without utilisation data',
    vcpu: 4,
    memoryGiB: 8,
    type: 'c7i.xlarge',
    reason: 'no utilisation data: keeping the on-premises 4 vCPU / 8 GiB; c7i.xlarge (4 vCPU, 8 GiB)',
  },
  {
    what: 'non-production without utilisation data is not made burstable',
    vcpu: 4,
    memoryGiB: 16,
    env: 'non-production',
    type: 'm7i.xlarge',
    reason: 'no utilisation data: keeping the on-premises 4 vCPU / 16 GiB; m7i.xlarge (4 vCPU, 16 GiB)',
  },
  {
    what: 'idle test server needing 8.4 GiB: t3.xlarge would be bigger than r7i.large, so no burstable',
    vcpu: 4,
    memoryGiB: 16,
    util: [8, 40],
    env: 'non-production',
    type: 'r7i.large',
    reason:
      'p95 CPU 8% of 4 vCPU -> 0.5 vCPU needed with 30% headroom; p95 memory 40% of 16 GiB -> 8.4 GiB needed; r7i.large (2 vCPU, 16 GiB)',
  },
  {
    what: 'idle test server fitting a t3.large goes burstable',
    vcpu: 4,
    memoryGiB: 12,
    util: [8, 50],
    env: 'non-production',
    type: 't3.large',
    reason:
      'p95 CPU 8% of 4 vCPU -> 0.5 vCPU needed with 30% headroom; p95 memory 50% of 12 GiB -> 7.8 GiB needed; non-production with p95 0.32 vCPU within the 0.6 vCPU burst baseline -> t3.large (2 vCPU, 8 GiB)',
  },
  {
    what: 'website staging on the smallest burstable',
    vcpu: 2,
    memoryGiB: 4,
    util: [5, 30],
    env: 'non-production',
    type: 't3.small',
    reason:
      'p95 CPU 5% of 2 vCPU -> 0.2 vCPU needed with 30% headroom; p95 memory 30% of 4 GiB -> 1.6 GiB needed; non-production with p95 0.1 vCPU within the 0.4 vCPU burst baseline -> t3.small (2 vCPU, 2 GiB)',
  },
  {
    what: 'test server just within the t3.large baseline',
    vcpu: 4,
    memoryGiB: 8,
    util: [12, 40],
    env: 'non-production',
    type: 't3.large',
    reason:
      'p95 CPU 12% of 4 vCPU -> 0.7 vCPU needed with 30% headroom; p95 memory 40% of 8 GiB -> 4.2 GiB needed; non-production with p95 0.48 vCPU within the 0.6 vCPU burst baseline -> t3.large (2 vCPU, 8 GiB)',
  },
  {
    what: 'test server just over the t3.large baseline stays on a steady type',
    vcpu: 4,
    memoryGiB: 8,
    util: [16, 40],
    env: 'non-production',
    type: 'm7i.large',
    reason:
      'p95 CPU 16% of 4 vCPU -> 0.9 vCPU needed with 30% headroom; p95 memory 40% of 8 GiB -> 4.2 GiB needed; m7i.large (2 vCPU, 8 GiB)',
  },
  {
    what: 'busy build agent outside production',
    vcpu: 8,
    memoryGiB: 16,
    util: [65, 60],
    env: 'non-production',
    type: 'c7i.2xlarge',
    reason:
      'p95 CPU 65% of 8 vCPU -> 6.8 vCPU needed with 30% headroom; p95 memory 60% of 16 GiB -> 12.5 GiB needed; c7i.2xlarge (8 vCPU, 16 GiB)',
  },
  {
    what: 'largest server right-sizing handles',
    vcpu: 64,
    memoryGiB: 512,
    type: 'r7i.16xlarge',
    reason: 'no utilisation data: keeping the on-premises 64 vCPU / 512 GiB; r7i.16xlarge (64 vCPU, 512 GiB)',
  },
];

describe('rightSizeServer: council servers', () => {
  test.each(rows)('$what -> $type', (row) => {
    const d = rightSizeServer(
      {
        id: 'srv',
        vcpu: row.vcpu,
        memoryGiB: row.memoryGiB,
        utilisation: row.util ? { cpuP95Percent: row.util[0], memoryP95Percent: row.util[1] } : undefined,
      },
      app(row.env ?? 'production'),
    );
    expect(d).toEqual<SizingDecision>({
      instanceType: row.type,
      reason: row.reason,
      overridden: false,
      needed: expect.any(Object),
    });
  });
});

describe('rightSizeServer: operating system', () => {
  test('Windows and Linux servers with the same figures get the same type', () => {
    const base = {
      id: 'srv',
      hostname: 'SRV',
      application: 'app',
      wave: 'wave-1',
      vcpu: 8,
      memoryGiB: 32,
      disks: [{ sizeGiB: 100, purpose: 'os' as const }],
      utilisation: { cpuP95Percent: 30, memoryP95Percent: 60 },
      inboundFlows: [],
      outboundFlows: [],
      dependsOn: [],
      strategy: 'rehost' as const,
      licence: 'aws-licence-included' as const,
    };
    const windowsServer: PlanServer = {
      ...base,
      os: { family: 'windows', name: 'Windows Server', version: '2019' },
    };
    const linuxServer: PlanServer = { ...base, os: { family: 'linux', name: 'RHEL', version: '9' } };
    const windows = rightSizeServer(windowsServer, app('production'));
    const linux = rightSizeServer(linuxServer, app('production'));
    expect(windows).toEqual(linux);
  });
});

describe('rightSizeServer: overrides', () => {
  test('instanceType from the plan wins and the reason says so', () => {
    const d = rightSizeServer(
      {
        id: 'payroll-batch',
        vcpu: 4,
        memoryGiB: 16,
        utilisation: { cpuP95Percent: 12, memoryP95Percent: 35 },
        instanceType: 'm7i.xlarge',
      },
      app('production'),
    );
    expect(d.instanceType).toBe('m7i.xlarge');
    expect(d.overridden).toBe(true);
    expect(d.reason).toBe(
      'instanceType m7i.xlarge set in the plan (override); p95 CPU 12% of 4 vCPU -> 0.7 vCPU needed with 30% headroom; p95 memory 35% of 16 GiB -> 7.3 GiB needed',
    );
  });

  test('an override below the need is kept, with a note', () => {
    const d = rightSizeServer(
      { id: 's', vcpu: 4, memoryGiB: 16, instanceType: 'm7i.large' },
      app('production'),
    );
    expect(d.instanceType).toBe('m7i.large');
    expect(d.reason).toMatch(/note: m7i\.large \(2 vCPU, 8 GiB\) is below the 4 vCPU \/ 16 GiB needed$/);
  });

  test('an override outside the catalogue is kept, with a note', () => {
    const d = rightSizeServer(
      { id: 's', vcpu: 4, memoryGiB: 16, instanceType: 'x2idn.16xlarge' },
      app('production'),
    );
    expect(d).toMatchObject({ instanceType: 'x2idn.16xlarge', overridden: true });
    expect(d.reason).toMatch(/type not in the sizing catalogue/);
  });

  test('an override wins even for non-production burstable candidates', () => {
    const d = rightSizeServer(
      {
        id: 's',
        vcpu: 2,
        memoryGiB: 4,
        utilisation: { cpuP95Percent: 5, memoryP95Percent: 30 },
        instanceType: 'c7i.large',
      },
      app('non-production'),
    );
    expect(d.instanceType).toBe('c7i.large');
  });
});

describe('rightSizeServer: every size of the allowed families, the cheapest that covers', () => {
  test('a server needing 283 GiB and 3 vCPU gets r7i.12xlarge (384 GiB), not r7i.16xlarge', () => {
    const d = rightSizeServer({ id: 'warehouse-01', vcpu: 3, memoryGiB: 283 }, app('production'));
    expect(d.instanceType).toBe('r7i.12xlarge');
    expect(d.reason).toBe(
      'no utilisation data: keeping the on-premises 3 vCPU / 283 GiB; r7i.12xlarge (48 vCPU, 384 GiB)',
    );
  });

  test('24xlarge and 48xlarge are picked when nothing smaller covers the need', () => {
    const big = (vcpu: number, memoryGiB: number) =>
      rightSizeServer({ id: 'big', vcpu, memoryGiB }, app('production')).instanceType;
    expect(big(96, 768)).toBe('r7i.24xlarge');
    expect(big(150, 300)).toBe('c7i.48xlarge');
    expect(big(150, 1000)).toBe('r7i.48xlarge');
  });

  test('fewer vCPU with more memory wins when it is cheaper: 45 vCPU / 100 GiB gets m7i.12xlarge', () => {
    // c7i.16xlarge (64 vCPU, 128 GiB) is $3.3952/h; m7i.12xlarge (48 vCPU, 192 GiB) is $2.7984/h.
    const d = rightSizeServer({ id: 's', vcpu: 45, memoryGiB: 100 }, app('production'));
    expect(d.instanceType).toBe('m7i.12xlarge');
  });
});

describe('rightSizeServer: servers too big to right-size', () => {
  test('says which server and what to set', () => {
    expect(() =>
      rightSizeServer({ id: 'warehouse-01', vcpu: 200, memoryGiB: 768 }, app('production')),
    ).toThrow(SizingError);
    expect(() =>
      rightSizeServer({ id: 'warehouse-01', vcpu: 200, memoryGiB: 768 }, app('production')),
    ).toThrow(
      'Server "warehouse-01" needs 200 vCPU / 768 GiB, more than any type right-sizing picks holds (c7i/m7i/r7i, up to r7i.48xlarge (192 vCPU, 1536 GiB)). Set "instanceType" for it in servers.yaml.',
    );
  });
});

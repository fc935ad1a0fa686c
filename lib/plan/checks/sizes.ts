/**
 * Sizes are plausible for AWS: a server fits the largest EC2 instance (448 vCPU, 24 TiB memory),
 * a disk fits one gp3 volume (16 TiB), a database fits RDS storage for its engine.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import type { DatabaseEngine } from '../schema';

/** Largest EC2 instance (u7in-24tb / u-24tb1 class). */
export const MAX_VCPU = 448;
export const MAX_MEMORY_GIB = 24576;
/** One gp3 EBS volume. */
export const MAX_DISK_GIB = 16384;
/** RDS maximum allocated storage per engine, GiB. */
export const MAX_DB_STORAGE_GIB: Record<DatabaseEngine, number> = {
  sqlserver: 16384,
  oracle: 65536,
  postgresql: 65536,
  mysql: 65536,
  mariadb: 65536,
};

export const sizes: PlanCheck = ({ servers, databases }) => {
  const out: RawProblem[] = [];
  const max = (
    file: 'servers' | 'databases',
    path: (string | number)[],
    value: number,
    limit: number,
    what: string,
  ): void => {
    if (value > limit)
      out.push({ file, path, message: `is larger than ${what}`, received: value, allowed: `<= ${limit}` });
  };
  servers.servers.forEach((s, i) => {
    max('servers', ['servers', i, 'vcpu'], s.vcpu, MAX_VCPU, 'the largest EC2 instance');
    max('servers', ['servers', i, 'memoryGiB'], s.memoryGiB, MAX_MEMORY_GIB, 'the largest EC2 instance');
    s.disks.forEach((d, j) =>
      max('servers', ['servers', i, 'disks', j, 'sizeGiB'], d.sizeGiB, MAX_DISK_GIB, 'one gp3 volume'),
    );
  });
  databases.databases.forEach((d, i) => {
    max('databases', ['databases', i, 'vcpu'], d.vcpu, MAX_VCPU, 'the largest EC2 instance');
    max('databases', ['databases', i, 'memoryGiB'], d.memoryGiB, MAX_MEMORY_GIB, 'the largest EC2 instance');
    max(
      'databases',
      ['databases', i, 'sizeGiB'],
      d.sizeGiB,
      MAX_DB_STORAGE_GIB[d.engine],
      `RDS storage for ${d.engine}`,
    );
  });
  return out;
};

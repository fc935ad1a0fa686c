/**
 * A provider-neutral inventory of what runs on AWS: servers, disks, databases and flows in plain
 * CSV/JSON, with no AWS names in it (sizes, operating systems, engines, ports), so another
 * provider's importer can read it. Items not on AWS (retired, retained, repurchased) are left out.
 */
import { databaseDecision, type EstateModel } from '../estate-model';
import { getsLandingZone } from '../plan/plan';
import type { ExitPlan } from './exit-plan';
import { toCsv } from './private/csv';

export interface Inventory {
  readonly estate: string;
  readonly servers: readonly {
    id: string;
    hostname: string;
    application: string;
    wave: string;
    osFamily: string;
    osName: string;
    osVersion: string;
    vcpu: number;
    memoryGiB: number;
    diskCount: number;
    diskGiB: number;
    exitFormat: string;
  }[];
  readonly disks: readonly { server: string; index: number; purpose: string; sizeGiB: number }[];
  readonly databases: readonly {
    id: string;
    application: string;
    wave: string;
    engine: string;
    edition: string;
    version: string;
    sizeGiB: number;
    vcpu: number;
    memoryGiB: number;
    highAvailability: boolean;
    exitFormat: string;
  }[];
  readonly flows: readonly {
    to: string;
    fromKind: string;
    from: string;
    protocol: string;
    port: number;
    toPort: number;
    description: string;
  }[];
}

export function buildInventory(model: EstateModel, exit: ExitPlan): Inventory {
  const format = new Map(exit.items.map((i) => [i.id, i.formats[0] ?? '']));
  const servers = model.planned.servers.filter(getsLandingZone);
  const databases = model.planned.databases.filter(getsLandingZone);
  return {
    estate: model.estate.id,
    servers: servers.map((s) => ({
      id: s.id,
      hostname: s.hostname,
      application: s.application,
      wave: s.wave,
      osFamily: s.os.family,
      osName: s.os.name,
      osVersion: s.os.version,
      vcpu: s.vcpu,
      memoryGiB: s.memoryGiB,
      diskCount: s.disks.length,
      diskGiB: s.disks.reduce((n, d) => n + d.sizeGiB, 0),
      exitFormat: format.get(s.id) ?? '',
    })),
    disks: servers.flatMap((s) =>
      s.disks.map((d, index) => ({ server: s.id, index, purpose: d.purpose, sizeGiB: d.sizeGiB })),
    ),
    databases: databases.map((d) => ({
      id: d.id,
      application: d.application,
      wave: d.wave,
      engine: d.engine,
      edition: 'edition' in d ? d.edition : '',
      version: d.version,
      sizeGiB: d.sizeGiB,
      vcpu: d.vcpu,
      memoryGiB: d.memoryGiB,
      highAvailability: databaseDecision(model, d.id).highAvailability.multiAz,
      exitFormat: format.get(d.id) ?? '',
    })),
    flows: servers.flatMap((s) =>
      s.inboundFlows.map((f) => {
        const [fromKind, from] = Object.entries(f.from)[0] as [string, string];
        return {
          to: s.id,
          fromKind,
          from,
          protocol: f.protocol,
          port: f.port,
          toPort: f.toPort ?? f.port,
          description: f.description ?? '',
        };
      }),
    ),
  };
}

/** One CSV per table: servers.csv, disks.csv, databases.csv, flows.csv. */
export function renderInventoryCsv(inv: Inventory): Record<string, string> {
  const table = <T extends object>(rows: readonly T[], header: readonly (keyof T & string)[]) =>
    toCsv(
      header,
      rows.map((r) => header.map((k) => r[k] as string | number | boolean)),
    );
  return {
    'servers.csv': table(inv.servers, [
      'id',
      'hostname',
      'application',
      'wave',
      'osFamily',
      'osName',
      'osVersion',
      'vcpu',
      'memoryGiB',
      'diskCount',
      'diskGiB',
      'exitFormat',
    ]),
    'disks.csv': table(inv.disks, ['server', 'index', 'purpose', 'sizeGiB']),
    'databases.csv': table(inv.databases, [
      'id',
      'application',
      'wave',
      'engine',
      'edition',
      'version',
      'sizeGiB',
      'vcpu',
      'memoryGiB',
      'highAvailability',
      'exitFormat',
    ]),
    'flows.csv': table(inv.flows, ['to', 'fromKind', 'from', 'protocol', 'port', 'toPort', 'description']),
  };
}

export function renderInventoryJson(inv: Inventory): string {
  return `${JSON.stringify(inv, null, 2)}\n`;
}

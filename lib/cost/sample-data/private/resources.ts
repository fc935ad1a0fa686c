import { Money } from '../../../shared/money';
import { applicationOf, getsLandingZone, waveOf, type Plan } from '../../../plan/plan';
import { rightSizeDatabase, rightSizeServer } from '../../../sizing';
import { ec2HourlyUsd, PricingError, rdsHourlyUsd } from '../../pricing';

/** A landing-zone server as the sample bills it. */
export interface SampleServer {
  readonly id: string;
  readonly application: string;
  readonly wave: string;
  readonly cutover: string;
  readonly production: boolean;
  readonly instanceType: string;
  readonly os: 'linux' | 'windows';
  readonly diskGiB: number;
  readonly onDemandHourly: Money;
  readonly savingsPlanHourly: Money;
}

export interface SampleDatabase {
  readonly id: string;
  readonly application: string;
  readonly wave: string;
  readonly cutover: string;
  readonly instanceClass: string;
  readonly engine: string;
  readonly multiAz: boolean;
  readonly sizeGiB: number;
  readonly hourly: Money;
}

/** Runs a price lookup; a PricingError keeps its class (the CLI shows it as it stands) with context added. */
function priced<T>(what: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    const message = `Sample billing data: cannot price ${what}: ${(e as Error).message}`;
    throw e instanceof PricingError ? new PricingError(message) : new Error(message);
  }
}

/** Landing-zone servers with their right-sized types and list prices (lib/sizing, lib/cost/pricing). */
export function sampleServers(plan: Plan): SampleServer[] {
  return plan.servers.filter(getsLandingZone).map((s) => {
    const app = applicationOf(plan, s.application);
    const { instanceType } = rightSizeServer(s, app);
    const os = s.os.family;
    return {
      id: s.id,
      application: s.application,
      wave: s.wave,
      cutover: waveOf(plan, s.wave).cutover,
      production: app.environment === 'production',
      instanceType,
      os,
      diskGiB: s.disks.reduce((n, d) => n + d.sizeGiB, 0),
      onDemandHourly: new Money(
        priced(`server "${s.id}" (${instanceType})`, () => ec2HourlyUsd(instanceType, os, 'on-demand')),
      ),
      savingsPlanHourly: new Money(
        priced(`server "${s.id}" (${instanceType})`, () =>
          ec2HourlyUsd(instanceType, os, 'savings-plan-1yr'),
        ),
      ),
    };
  });
}

export function sampleDatabases(plan: Plan): SampleDatabase[] {
  return plan.databases.filter(getsLandingZone).map((d) => {
    const app = applicationOf(plan, d.application);
    const { instanceClass } = rightSizeDatabase(d, app);
    const edition = 'edition' in d ? d.edition : undefined;
    return {
      id: d.id,
      application: d.application,
      wave: d.wave,
      cutover: waveOf(plan, d.wave).cutover,
      instanceClass,
      engine: d.engine,
      multiAz: d.highAvailability,
      sizeGiB: d.sizeGiB,
      hourly: new Money(
        priced(`database "${d.id}" (${instanceClass})`, () =>
          rdsHourlyUsd(instanceClass, d.engine, edition, d.licence, d.highAvailability),
        ),
      ),
    };
  });
}

import { Money } from '../../../shared/money';
import { applicationOf, getsLandingZone, waveOf, type Plan } from '../../../plan/plan';
import { buildEstateModel, databaseDecision, serverDecision } from '../../../estate-model';
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

/** Landing-zone servers with the estate model's types and their list prices (lib/cost/pricing). */
export function sampleServers(plan: Plan): SampleServer[] {
  const model = buildEstateModel(plan);
  return plan.servers.filter(getsLandingZone).map((s) => {
    const app = applicationOf(plan, s.application);
    const decided = serverDecision(model, s.id);
    const instanceType = decided.size.instanceType;
    const os = decided.os;
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

/** Landing-zone databases with the estate model's class and Multi-AZ, and their list prices. */
export function sampleDatabases(plan: Plan): SampleDatabase[] {
  const model = buildEstateModel(plan);
  return plan.databases.filter(getsLandingZone).map((d) => {
    const decided = databaseDecision(model, d.id);
    const instanceClass = decided.size.instanceClass;
    const multiAz = decided.highAvailability.multiAz;
    const edition = decided.engine.edition ?? undefined;
    return {
      id: d.id,
      application: d.application,
      wave: d.wave,
      cutover: waveOf(plan, d.wave).cutover,
      instanceClass,
      engine: d.engine,
      multiAz,
      sizeGiB: d.sizeGiB,
      hourly: new Money(
        priced(`database "${d.id}" (${instanceClass})`, () =>
          rdsHourlyUsd(instanceClass, d.engine, edition, d.licence, multiAz),
        ),
      ),
    };
  });
}

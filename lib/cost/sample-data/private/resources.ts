import { Money } from '../../../shared/money';
import type { DatabaseDecision, EstateModel, ServerDecision } from '../../../estate-model';
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

/** The cut-over month of each wave, and whether each application is production. */
function plannedFacts(model: EstateModel) {
  const cutoverOf = new Map(model.planned.waves.map((w) => [w.id, w.cutover]));
  const production = new Set(
    model.planned.applications.filter((a) => a.environment === 'production').map((a) => a.id),
  );
  return { cutover: (wave: string) => cutoverOf.get(wave)!, production };
}

/** Landing-zone servers with the estate model's types and their list prices (lib/cost/pricing). */
export function sampleServers(model: EstateModel): SampleServer[] {
  const { cutover, production } = plannedFacts(model);
  return model.servers
    .filter((s): s is ServerDecision => s.landingZone)
    .map((s) => {
      const instanceType = s.size.instanceType;
      const os = s.os;
      return {
        id: s.id,
        application: s.application,
        wave: s.wave,
        cutover: cutover(s.wave),
        production: production.has(s.application),
        instanceType,
        os,
        diskGiB: s.disksGiB.reduce((n, gib) => n + gib, 0),
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
export function sampleDatabases(model: EstateModel): SampleDatabase[] {
  const { cutover } = plannedFacts(model);
  return model.databases
    .filter((d): d is DatabaseDecision => d.landingZone)
    .map((d) => {
      const instanceClass = d.size.instanceClass;
      const multiAz = d.highAvailability.multiAz;
      const { engine, licence } = d.engine;
      const edition = d.engine.edition ?? undefined;
      return {
        id: d.id,
        application: d.application,
        wave: d.wave,
        cutover: cutover(d.wave),
        instanceClass,
        engine,
        multiAz,
        sizeGiB: d.sizeGiB,
        hourly: new Money(
          priced(`database "${d.id}" (${instanceClass})`, () =>
            rdsHourlyUsd(instanceClass, engine, edition, licence, multiAz),
          ),
        ),
      };
    });
}

/**
 * Which RDS classes right-sizing may pick for each engine and edition.
 *
 * Based on the RDS User Guide's per-engine instance class tables (SQL Server edition limits:
 * Express is capped at 4 cores and RDS offers it on small db.t3 classes only; Web is capped at
 * 16 cores; Standard at 24 cores; Oracle SE2 licence-included up to 16 vCPU on RDS, and Oracle's
 * cloud policy limits bring-your-own SE2 to 8 vCPU). Sizes are kept within those limits.
 * SQL Server and Oracle use Intel classes (licence-included pricing is per vCPU); the open-source
 * engines use Graviton.
 */
import type { PlanDatabase } from '../plan/plan';

export interface EngineClassRule {
  /** Human label, e.g. "SQL Server Standard". */
  readonly label: string;
  /** General-purpose then memory-optimised family, leanest memory first. */
  readonly families: readonly string[];
  /** Largest size right-sizing may choose in those families. */
  readonly maxSize: string;
  /** Smallest non-burstable size the engine runs on. @default the smallest size */
  readonly minSize?: string;
  /** Burstable family for small non-production databases. */
  readonly burstableFamily: string;
  /** Burstable sizes sizing may pick for this engine, smallest first (empty: never burstable). */
  readonly burstableSizes: readonly string[];
  /** True when the edition runs only on burstable classes (SQL Server Express). */
  readonly burstableOnly: boolean;
}

const T3_SMALL_UP = ['small', 'medium', 'large', 'xlarge', '2xlarge'];
const T4G_MICRO_UP = ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'];
const INTEL = ['db.m6i', 'db.r6i'];
/**
 * Oracle SE2 licence-included is not offered on db.m6i in eu-west-2 (aws-cdk-lib's template
 * validation lists db.m5 / db.r6i / db.t3 up to 4xlarge); test/sizing/rds-classes-offered.test.ts
 * checks every class these rules can pick against that list.
 */
const ORACLE_SE2_LICENCE_INCLUDED = ['db.m5', 'db.r6i'];
const GRAVITON = ['db.m7g', 'db.r7g'];

/** The class rule for a database's engine and edition. */
export function engineClassRule(
  db: Pick<PlanDatabase, 'engine'> & { readonly edition?: string; readonly licence?: string },
): EngineClassRule {
  switch (db.engine) {
    case 'sqlserver':
      switch (db.edition) {
        case 'express':
          return {
            label: 'SQL Server Express',
            families: [],
            maxSize: 'xlarge',
            burstableFamily: 'db.t3',
            burstableSizes: ['small', 'medium', 'large', 'xlarge'],
            burstableOnly: true,
          };
        case 'web':
          return rule('SQL Server Web', INTEL, '4xlarge', 'db.t3', T3_SMALL_UP);
        case 'standard':
          // RDS offers Standard and Enterprise on db.t3 only from xlarge (4 vCPU); licence-included
          // SQL Server is charged per vCPU, so a burstable class would cost more than db.m6i.large.
          return rule('SQL Server Standard', INTEL, '8xlarge', 'db.t3', []);
        case 'enterprise':
          // RDS offers licence-included Enterprise from xlarge (4 vCPU) upwards.
          return { ...rule('SQL Server Enterprise', INTEL, '16xlarge', 'db.t3', []), minSize: 'xlarge' };
        default:
          throw new Error(`No RDS class rule for SQL Server edition "${String(db.edition)}"`);
      }
    case 'oracle':
      return db.edition === 'enterprise'
        ? rule('Oracle Enterprise', INTEL, '16xlarge', 'db.t3', T3_SMALL_UP)
        : db.licence === 'bring-your-own'
          ? // Oracle's cloud licensing policy allows SE2 on at most 8 vCPUs.
            rule('Oracle SE2 (bring your own licence)', INTEL, '2xlarge', 'db.t3', T3_SMALL_UP)
          : rule('Oracle SE2', ORACLE_SE2_LICENCE_INCLUDED, '4xlarge', 'db.t3', T3_SMALL_UP);
    case 'postgresql':
      return rule('PostgreSQL', GRAVITON, '16xlarge', 'db.t4g', T4G_MICRO_UP);
    case 'mysql':
      return rule('MySQL', GRAVITON, '16xlarge', 'db.t4g', T4G_MICRO_UP);
    case 'mariadb':
      return rule('MariaDB', GRAVITON, '16xlarge', 'db.t4g', T4G_MICRO_UP);
  }
}

function rule(
  label: string,
  families: readonly string[],
  maxSize: string,
  burstableFamily: string,
  burstableSizes: readonly string[],
): EngineClassRule {
  return { label, families, maxSize, burstableFamily, burstableSizes, burstableOnly: false };
}

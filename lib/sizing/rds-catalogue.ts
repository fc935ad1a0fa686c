/**
 * RDS DB instance classes the sizing may choose, plus common earlier generations so that plan
 * overrides (`instanceClass`) can be priced. Figures are the published vCPU / memory per class.
 */
import type { InstanceSpec } from './instance-spec';
import { burstableSpecs, catalogue, fixedRatioSpecs } from './private/catalogue-builder';

const SIX_I = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
  '32xlarge',
];
const SEVEN_G = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
const FIVE = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];

const RDS = catalogue('RDS instance class', 'lib/sizing/rds-catalogue.ts', [
  ...fixedRatioSpecs({ family: 'db.m6i', memoryPerVcpu: 4, sizes: SIX_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'db.r6i', memoryPerVcpu: 8, sizes: SIX_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'db.m7g', memoryPerVcpu: 4, sizes: SEVEN_G, processor: 'graviton' }),
  ...fixedRatioSpecs({ family: 'db.r7g', memoryPerVcpu: 8, sizes: SEVEN_G, processor: 'graviton' }),
  ...fixedRatioSpecs({ family: 'db.m5', memoryPerVcpu: 4, sizes: FIVE, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'db.r5', memoryPerVcpu: 8, sizes: FIVE, processor: 'intel' }),
  ...burstableSpecs('db.t3', 'intel', 'micro'),
  ...burstableSpecs('db.t4g', 'graviton', 'micro'),
]);

/** Every RDS instance class in the catalogue. */
export const RDS_INSTANCE_CLASSES: readonly InstanceSpec[] = RDS.all;

/** The spec of an RDS instance class, or undefined when the catalogue does not know it. */
export function findRdsInstanceSpec(instanceClass: string): InstanceSpec | undefined {
  return RDS.find(instanceClass);
}

/** The spec of an RDS instance class; throws a clear error for one not in the catalogue. */
export function rdsInstanceSpec(instanceClass: string): InstanceSpec {
  return RDS.get(instanceClass);
}

/**
 * EC2 instance types the sizing may choose, plus common earlier generations so that plan
 * overrides (`instanceType`) can be priced. Figures are the published vCPU / memory of each type.
 */
import type { InstanceSpec } from './instance-spec';
import { burstableSpecs, catalogue, fixedRatioSpecs } from './private/catalogue-builder';

const SEVEN_I = [
  'large',
  'xlarge',
  '2xlarge',
  '4xlarge',
  '8xlarge',
  '12xlarge',
  '16xlarge',
  '24xlarge',
  '48xlarge',
];
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
const FIVE = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];

const EC2 = catalogue('EC2 instance type', 'lib/sizing/ec2-catalogue.ts', [
  ...fixedRatioSpecs({ family: 'c7i', memoryPerVcpu: 2, sizes: SEVEN_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'm7i', memoryPerVcpu: 4, sizes: SEVEN_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'r7i', memoryPerVcpu: 8, sizes: SEVEN_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'c6i', memoryPerVcpu: 2, sizes: SIX_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'm6i', memoryPerVcpu: 4, sizes: SIX_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'r6i', memoryPerVcpu: 8, sizes: SIX_I, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'm5', memoryPerVcpu: 4, sizes: FIVE, processor: 'intel' }),
  ...fixedRatioSpecs({ family: 'r5', memoryPerVcpu: 8, sizes: FIVE, processor: 'intel' }),
  ...burstableSpecs('t3', 'intel'),
  ...burstableSpecs('t3a', 'amd'),
]);

/** Families right-sizing chooses from for steady workloads, leanest memory first. */
export const EC2_SIZING_FAMILIES: readonly string[] = ['c7i', 'm7i', 'r7i'];
/** Burstable family for low-utilisation non-production servers. */
export const EC2_BURSTABLE_FAMILY = 't3';

/** Every EC2 instance type in the catalogue. */
export const EC2_INSTANCE_TYPES: readonly InstanceSpec[] = EC2.all;

/** The spec of an EC2 instance type, or undefined when the catalogue does not know it. */
export function findEc2InstanceSpec(instanceType: string): InstanceSpec | undefined {
  return EC2.find(instanceType);
}

/** The spec of an EC2 instance type; throws a clear error for one not in the catalogue. */
export function ec2InstanceSpec(instanceType: string): InstanceSpec {
  return EC2.get(instanceType);
}

/**
 * EC2 instance types the sizing may choose, plus common earlier generations so that plan
 * overrides (`instanceType`) can be priced. Figures are the published vCPU / memory of each type.
 */
import type { InstanceSpec } from './instance-spec';
import { burstableSpecs, fixedRatioSpecs, indexByName } from './private/catalogue-builder';

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

const EC2 = indexByName([
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

/** Every EC2 type in the catalogue, by name. */
export const EC2_INSTANCE_TYPES: readonly InstanceSpec[] = [...EC2.values()];

/** The spec of an EC2 instance type, or undefined when the catalogue does not know it. */
export function findEc2InstanceSpec(instanceType: string): InstanceSpec | undefined {
  return EC2.get(instanceType);
}

/** The spec of an EC2 instance type; throws a clear error for a type not in the catalogue. */
export function ec2InstanceSpec(instanceType: string): InstanceSpec {
  const spec = EC2.get(instanceType);
  if (!spec) {
    const families = [...new Set(EC2_INSTANCE_TYPES.map((s) => s.family))].join(', ');
    throw new Error(
      `EC2 instance type "${instanceType}" is not in the sizing catalogue (families: ${families}). ` +
        'Use one of these in the plan, or add the type to lib/sizing/ec2-catalogue.ts.',
    );
  }
  return spec;
}

import {
  EC2_INSTANCE_TYPES,
  EC2_SIZING_FAMILIES,
  ec2InstanceSpec,
  findEc2InstanceSpec,
  findRdsInstanceSpec,
  RDS_INSTANCE_CLASSES,
  rdsInstanceSpec,
} from '../../lib/sizing';

describe('EC2 catalogue', () => {
  test.each([
    ['m7i.large', 2, 8, 'm7i', false],
    ['c7i.xlarge', 4, 8, 'c7i', false],
    ['r7i.2xlarge', 8, 64, 'r7i', false],
    ['m7i.48xlarge', 192, 768, 'm7i', false],
    ['m6i.32xlarge', 128, 512, 'm6i', false],
    ['t3.small', 2, 2, 't3', true],
    ['t3.medium', 2, 4, 't3', true],
    ['t3.2xlarge', 8, 32, 't3', true],
    ['t3a.nano', 2, 0.5, 't3a', true],
  ])('%s has %i vCPU and %d GiB', (name, vcpu, memoryGiB, family, burstable) => {
    expect(ec2InstanceSpec(name)).toMatchObject({ name, vcpu, memoryGiB, family, burstable });
  });

  test('burstable types carry their published CPU credit baseline', () => {
    expect(ec2InstanceSpec('t3.medium').baselineCpuFraction).toBe(0.2);
    expect(ec2InstanceSpec('t3.large').baselineCpuFraction).toBe(0.3);
    expect(ec2InstanceSpec('t3.xlarge').baselineCpuFraction).toBe(0.4);
    expect(ec2InstanceSpec('m7i.large').baselineCpuFraction).toBe(1);
  });

  test('an unknown type is a clear error naming the type and where to add it', () => {
    expect(findEc2InstanceSpec('x2idn.16xlarge')).toBeUndefined();
    expect(() => ec2InstanceSpec('x2idn.16xlarge')).toThrow(
      /"x2idn\.16xlarge" is not in the sizing catalogue .*lib\/sizing\/ec2-catalogue\.ts/,
    );
  });

  test('the sizing families are current-generation c7i, m7i and r7i at 2, 4 and 8 GiB per vCPU', () => {
    expect(EC2_SIZING_FAMILIES).toEqual(['c7i', 'm7i', 'r7i']);
    for (const t of EC2_INSTANCE_TYPES.filter((s) => EC2_SIZING_FAMILIES.includes(s.family))) {
      expect(t.memoryGiB / t.vcpu).toBe({ c7i: 2, m7i: 4, r7i: 8 }[t.family]);
    }
  });

  test('names are unique and match family.size', () => {
    const names = EC2_INSTANCE_TYPES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const s of EC2_INSTANCE_TYPES) expect(s.name).toBe(`${s.family}.${s.size}`);
  });
});

describe('RDS catalogue', () => {
  test.each([
    ['db.m6i.large', 2, 8, false],
    ['db.r6i.4xlarge', 16, 128, false],
    ['db.m7g.xlarge', 4, 16, false],
    ['db.r7g.16xlarge', 64, 512, false],
    ['db.t3.small', 2, 2, true],
    ['db.t4g.micro', 2, 1, true],
    ['db.m5.24xlarge', 96, 384, false],
  ])('%s has %i vCPU and %d GiB', (name, vcpu, memoryGiB, burstable) => {
    expect(rdsInstanceSpec(name)).toMatchObject({ name, vcpu, memoryGiB, burstable });
  });

  test('Graviton and Intel classes are marked', () => {
    expect(rdsInstanceSpec('db.m7g.large').processor).toBe('graviton');
    expect(rdsInstanceSpec('db.m6i.large').processor).toBe('intel');
  });

  test('an unknown class is a clear error', () => {
    expect(findRdsInstanceSpec('db.x2g.large')).toBeUndefined();
    expect(() => rdsInstanceSpec('db.x2g.large')).toThrow(/"db\.x2g\.large" is not in the sizing catalogue/);
  });

  test('names are unique', () => {
    const names = RDS_INSTANCE_CLASSES.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

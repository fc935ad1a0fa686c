import fc from 'fast-check';
import { ALLOWED_RETENTION_DAYS, retentionDaysFor, subnetLayoutFor } from '../../lib/network';

describe('subnetLayoutFor', () => {
  test('a /16 over three AZs gives /19 servers, /20 databases, /21 public', () => {
    expect(subnetLayoutFor('10.40.0.0/16', 3)).toEqual({ serverMask: 19, databaseMask: 20, publicMask: 21 });
  });

  test('a /16 over two AZs gives /18 servers, /19 databases, /20 public', () => {
    expect(subnetLayoutFor('10.40.0.0/16', 2)).toEqual({ serverMask: 18, databaseMask: 19, publicMask: 20 });
  });

  test('every tier fits in the VPC with room to spare, for every allowed prefix and AZ count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 16, max: 23 }), fc.integer({ min: 2, max: 3 }), (prefix, azs) => {
        const layout = subnetLayoutFor(`10.0.0.0/${prefix}`, azs);
        const share = (mask: number): number => azs * 2 ** (prefix - mask);
        expect(
          share(layout.serverMask) + share(layout.databaseMask) + share(layout.publicMask),
        ).toBeLessThanOrEqual(1);
        expect(layout.publicMask).toBeLessThanOrEqual(28);
      }),
    );
  });

  test('a VPC too small for three tiers is refused with the size to use', () => {
    expect(() => subnetLayoutFor('10.0.0.0/24', 3)).toThrow(
      'network.vpcCidr: "10.0.0.0/24" is too small for three subnet tiers over 3 availability zones (public subnets would be /29; AWS allows /28 at most). Use a /23 or larger VPC.',
    );
  });

  test('a VPC larger than /16 is refused', () => {
    expect(() => subnetLayoutFor('10.0.0.0/8', 2)).toThrow(
      'network.vpcCidr: a VPC must be between /16 and /28, received "10.0.0.0/8"',
    );
  });
});

describe('retentionDaysFor', () => {
  test('accepts the periods CloudWatch Logs offers', () => {
    expect(retentionDaysFor(365)).toBe(365);
    expect(retentionDaysFor(3653)).toBe(3653);
    expect(ALLOWED_RETENTION_DAYS).toContain(400);
  });

  test('refuses other periods and lists the allowed ones', () => {
    expect(() => retentionDaysFor(366)).toThrow(
      /network\.flowLogRetentionDays: CloudWatch Logs cannot keep logs for 366 days; allowed values are 1, 3, 5, 7, 14, 30, .*, 3653$/,
    );
  });
});

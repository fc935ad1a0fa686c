/** SQL Server versions are accepted as the product year or the version number, held as the year. */
import { normaliseSqlServerVersion } from '../../lib/plan';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';

function versionOf(version: unknown): string {
  const input = minimalPlanInput();
  input.databases.databases[0].version = version;
  return buildPlan(input).databases[0]!.version;
}

describe('SQL Server version', () => {
  test.each([
    ['2019', '2019'],
    ['15.00', '2019'],
    ['15.0', '2019'],
    ['15', '2019'],
    [' 16.00 ', '2022'],
    ['13.00', '2016'],
    ['14.00', '2017'],
  ])('"%s" is held as %s', (given, held) => {
    expect(versionOf(given)).toBe(held);
  });

  test('unquoted YAML numbers are accepted too (2019, and 15.00 which YAML reads as 15)', () => {
    expect(versionOf(2019)).toBe('2019');
    expect(versionOf(15)).toBe('2019');
  });

  test('a release RDS does not offer is kept as given, for the engine check to name', () => {
    expect(normaliseSqlServerVersion('12.00')).toBe('12.00');
    expect(normaliseSqlServerVersion('2014')).toBe('2014');
  });

  test('other engines keep their version as written', () => {
    const input = minimalPlanInput();
    input.databases.databases[0] = {
      ...input.databases.databases[0],
      engine: 'postgresql',
      edition: undefined,
      version: '16',
    };
    delete input.databases.databases[0].edition;
    expect(buildPlan(input).databases[0]!.version).toBe('16');
  });
});

import { parseTagGroupKey } from '../../../lib/cost/cost-explorer/private/parse-results';

describe('parseTagGroupKey', () => {
  it('reads the value after "<Key>$"', () => {
    expect(parseTagGroupKey('Application$revenues', 'Application', 'here')).toBe('revenues');
  });
  it('reads an empty value as untagged (null)', () => {
    expect(parseTagGroupKey('Application$', 'Application', 'here')).toBeNull();
  });
  it('keeps a "$" inside the value', () => {
    expect(parseTagGroupKey('Application$a$b', 'Application', 'here')).toBe('a$b');
  });
  it('rejects a key for another tag, naming where', () => {
    expect(() => parseTagGroupKey('MigrationWave$wave-1', 'Application', 'GetCostAndUsage 2026-01')).toThrow(
      'GetCostAndUsage 2026-01: expected a group key for tag "Application" ("Application$<value>"), got "MigrationWave$wave-1"',
    );
  });
});

/**
 * Property tests: whatever is in the plan files, the loader either returns a Plan or throws a
 * PlanError whose problems are each one line. Never another error, never a stack trace.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { formatProblem, loadPlan, planFromObjects, PlanError } from '../../lib/plan';
import { minimalPlanInput, type MutablePlanInput } from '../support/plan-builder';

const VALID = 'test/fixtures/plans/valid-small';
const FILES = [
  'estate.yaml',
  'servers.yaml',
  'databases.yaml',
  'legacy-baseline.yaml',
  'mgn-import.csv',
] as const;
const KEYS = ['estate', 'servers', 'databases', 'baseline'] as const;

type Path = (string | number)[];

/** Every path to a value inside the input, containers included. */
function allPaths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...allPaths(v, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...allPaths(v, [...prefix, k]));
  }
  return out;
}

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'addKey'; at: number; key: string; value: unknown };

const nonsense = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    -1,
    0,
    1e308,
    Number.NaN,
    Infinity,
    '',
    ' ',
    '10.0.0.0/33',
    '2026-13',
    'wave-1',
    'ami-0',
    [],
    {},
    null,
  ),
);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: nonsense }),
  fc.record({
    kind: fc.constant('addKey' as const),
    at: fc.nat(),
    key: fc.string({ maxLength: 12 }),
    value: nonsense,
  }),
);

function mutate(input: MutablePlanInput, m: Mutation): void {
  const root = input as unknown as Record<string, unknown>;
  const paths = allPaths(root).filter((p) => p.length > 0);
  const path = paths[m.at % paths.length]!;
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], root) as
    Record<string | number, unknown> | unknown[];
  const last = path[path.length - 1]!;
  if (m.kind === 'delete') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete (parent as Record<string | number, unknown>)[last];
  } else if (m.kind === 'replace') {
    (parent as Record<string | number, unknown>)[last] = m.value;
  } else {
    const target = (parent as Record<string | number, unknown>)[last];
    if (target && typeof target === 'object' && !Array.isArray(target))
      (target as Record<string, unknown>)[m.key] = m.value;
  }
}

function expectOnlyPlanError(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      // Each part is one line already (formatProblem also guards the whole line).
      for (const part of [p.file, p.path, p.message, p.received ?? '', p.allowed ?? ''])
        expect(part).not.toMatch(/[\n\r]/);
      expect(formatProblem(p)).not.toMatch(/[\n\r]/);
      if (p.line !== undefined) expect(p.line).toBeGreaterThan(0);
    }
  }
}

test('mutated in-memory plans give a Plan or a PlanError, nothing else', () => {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
      const input = minimalPlanInput();
      for (const m of mutations) mutate(input, m);
      expectOnlyPlanError(() => planFromObjects(input));
    }),
    { numRuns: 400 },
  );
});

describe('files on disk', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-prop-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fresh = (n: number): string => {
    const d = join(dir, String(n));
    cpSync(VALID, d, { recursive: true });
    return d;
  };
  let run = 0;

  test('random text or bytes in any plan file give a PlanError, nothing else', () => {
    const content = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }),
      fc
        .array(
          fc.constantFrom(
            'servers:',
            '  - id: a',
            '- ',
            ': ',
            '{',
            '[',
            '"',
            '&a',
            '*a',
            '!!binary',
            '\t',
            '---',
            ',',
            '\n',
            '#',
          ),
          {
            maxLength: 30,
          },
        )
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(fc.constantFrom(...FILES), content, (file, data) => {
        const d = fresh(run++);
        writeFileSync(join(d, file), data);
        expectOnlyPlanError(() => loadPlan(d));
      }),
      { numRuns: 60 },
    );
  });

  test('mutated plans written as YAML give a located PlanError or a Plan', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const input = minimalPlanInput();
        for (const m of mutations) mutate(input, m);
        const d = fresh(run++);
        KEYS.forEach((k, i) => {
          let text: string;
          try {
            text = stringify(input[k]) ?? '';
          } catch {
            text = 'not: [valid';
          }
          writeFileSync(join(d, FILES[i]!), text);
        });
        expectOnlyPlanError(() => loadPlan(d));
      }),
      { numRuns: 60 },
    );
  });
});

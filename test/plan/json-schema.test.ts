import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');
let fresh: Record<string, string>;

beforeAll(() => {
  // The generator formats with prettier 3 (ESM only), so it runs in its own process.
  const out = execFileSync(
    process.execPath,
    [
      require.resolve('tsx/cli'),
      join(__dirname, '..', '..', 'scripts', 'generate-json-schema.ts'),
      '--print',
    ],
    { encoding: 'utf8' },
  );
  fresh = JSON.parse(out) as Record<string, string>;
});

test('the committed JSON Schemas equal freshly generated ones (run `npm run schema` after a schema change)', () => {
  const committed = Object.fromEntries(
    readdirSync(SCHEMA_DIR)
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => [f, readFileSync(join(SCHEMA_DIR, f), 'utf8')]),
  );
  expect(Object.keys(committed).sort()).toEqual([
    'databases.schema.json',
    'estate.schema.json',
    'legacy-baseline.schema.json',
    'servers.schema.json',
  ]);
  expect(Object.keys(fresh).sort()).toEqual(Object.keys(committed).sort());
  for (const [name, text] of Object.entries(fresh)) expect(committed[name]).toBe(text);
});

test('the schemas reject unknown keys and spell out enums, so editors can complete plan files', () => {
  const servers = JSON.parse(fresh['servers.schema.json'] ?? '{}');
  const item = servers.properties.servers.items;
  expect(item.additionalProperties).toBe(false);
  expect(item.properties.strategy.enum).toContain('rehost');
  expect(item.required).toEqual(
    expect.arrayContaining(['id', 'hostname', 'vcpu', 'memoryGiB', 'disks', 'strategy']),
  );
  // Fields with defaults are optional on the input side.
  expect(item.required).not.toContain('inboundFlows');
});

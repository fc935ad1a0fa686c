/**
 * Writes schema/<file>.schema.json for each plan file from the zod definitions, formatted the way
 * prettier formats JSON in this repo. Run with `npm run schema`. With `--print` it writes nothing
 * and prints `{ fileName: text }` as JSON instead: test/plan/json-schema.test.ts uses that to fail
 * when the committed files drift (prettier 3 needs ESM, which jest here does not load).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { planJsonSchemas } from '../lib/plan/json-schema';

export const SCHEMA_DIR = join(__dirname, '..', 'schema');

/** File name to formatted JSON text. */
export async function formattedPlanJsonSchemas(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, text] of Object.entries(planJsonSchemas())) {
    const path = join(SCHEMA_DIR, name);
    const config = (await resolveConfig(path)) ?? {};
    out[name] = await format(text, { ...config, filepath: path });
  }
  return out;
}

async function main(): Promise<void> {
  if (process.argv.includes('--print')) {
    process.stdout.write(JSON.stringify(await formattedPlanJsonSchemas()));
    return;
  }
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [name, text] of Object.entries(await formattedPlanJsonSchemas())) {
    writeFileSync(join(SCHEMA_DIR, name), text);
    console.log(`wrote schema/${name}`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 1;
  });
}

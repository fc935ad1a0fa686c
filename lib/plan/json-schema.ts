/**
 * JSON Schema for each plan file, generated from the zod definitions (input side: what a person
 * writes, before defaults). scripts/generate-json-schema.ts writes them under schema/; editors
 * pick them up from a `# yaml-language-server: $schema=...` first line.
 */
import { z } from 'zod';
import { DatabasesFileSchema, EstateFileSchema, LegacyBaselineSchema, ServersFileSchema } from './schema';

const FILES: readonly { readonly name: string; readonly title: string; readonly schema: z.ZodType }[] = [
  {
    name: 'estate',
    title: 'estate.yaml: estate, network, backup, applications, waves',
    schema: EstateFileSchema,
  },
  { name: 'servers', title: 'servers.yaml: on-premises servers to migrate', schema: ServersFileSchema },
  {
    name: 'databases',
    title: 'databases.yaml: on-premises databases to migrate',
    schema: DatabasesFileSchema,
  },
  {
    name: 'legacy-baseline',
    title: "legacy-baseline.yaml: finance's on-premises costs",
    schema: LegacyBaselineSchema,
  },
];

/** File name (e.g. `servers.schema.json`) to its JSON text, with a trailing newline. */
export function planJsonSchemas(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of FILES) {
    const json = z.toJSONSchema(f.schema, { io: 'input', target: 'draft-2020-12' });
    out[`${f.name}.schema.json`] = `${JSON.stringify({ ...json, title: f.title }, null, 2)}\n`;
  }
  return out;
}

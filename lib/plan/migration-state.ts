/**
 * `migration-state.yaml`: what has already happened in AWS, recorded by `npm run estate -- migrate
 * adopt` after a wave's cut-over (the launched instance of each `mgn` server). Read at synth so the
 * wave stack brings the instance under management (alarms, backup tags) without ever creating,
 * replacing or rebooting it.
 */
import { z } from 'zod';
import { IdSchema } from './schema';

/** The plan-folder file name. */
export const MIGRATION_STATE_FILE = 'migration-state.yaml';

export const AdoptedServerSchema = z.strictObject({
  /** Plan server id. */
  server: IdSchema,
  /** MGN source server id, e.g. s-1234567890abcdef0. */
  sourceServerId: z
    .string()
    .regex(/^s-[0-9a-f]{17}$/, 'an MGN source server id such as "s-0123456789abcdef0"'),
  /** The EC2 instance MGN launched at cut-over. */
  instanceId: z.string().regex(/^i-[0-9a-f]{8,17}$/, 'an EC2 instance id such as "i-0123456789abcdef0"'),
  /** When the CLI recorded it (ISO 8601). */
  adoptedAt: z.string().min(1),
});

export const MigrationStateFileSchema = z.strictObject({
  adopted: z.array(AdoptedServerSchema).default([]),
});

export type AdoptedServer = z.output<typeof AdoptedServerSchema>;
export type MigrationStateFile = z.output<typeof MigrationStateFileSchema>;

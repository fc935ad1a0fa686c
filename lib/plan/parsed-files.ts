import type { z } from 'zod';
import type {
  DatabasesFileSchema,
  EstateFileSchema,
  LegacyBaselineSchema,
  ServersFileSchema,
} from './schema';

/** The four files after the structure pass (defaults applied), in file order. */
export interface ParsedFiles {
  readonly estate: z.output<typeof EstateFileSchema>;
  readonly servers: z.output<typeof ServersFileSchema>;
  readonly databases: z.output<typeof DatabasesFileSchema>;
  readonly baseline: z.output<typeof LegacyBaselineSchema>;
}

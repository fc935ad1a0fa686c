/** Writes output files into a folder and says what was written. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { CliIo } from '../../command';

export function writeOutputs(io: CliIo, dir: string, files: Readonly<Record<string, string>>): string[] {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    const shown = relative(io.cwd, path);
    written.push(shown.startsWith('..') ? path : shown);
  }
  return written;
}

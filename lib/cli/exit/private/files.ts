/**
 * File output for the exit commands. Output goes through `ExitFiles` so the export run's state
 * file is written atomically (temp file + rename) and tests can point it anywhere.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { CliIo } from '../../command';

export function absolutePath(io: CliIo, value: string): string {
  return isAbsolute(value) ? value : resolve(io.cwd, value);
}
/** The file operations the exit commands need. */
export interface ExitFiles {
  readonly read: (path: string) => string | undefined;
  /** Writes atomically: a temporary file next to the target, then a rename. */
  readonly write: (path: string, text: string) => void;
  /** Names in a folder (empty when it does not exist). @default - no listing: nothing found */
  readonly list?: (dir: string) => string[];
}

export const nodeExitFiles: ExitFiles = {
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined),
  write: (path, text) => {
    mkdirSync(dirname(path), { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, text, 'utf8');
    renameSync(temp, path);
  },
  list: (dir) => (existsSync(dir) ? readdirSync(dir).sort() : []),
};

/** Writes files under `dir`; returns their paths relative to the working directory. */
export function writeAll(
  io: CliIo,
  files: ExitFiles,
  dir: string,
  contents: Readonly<Record<string, string>>,
): string[] {
  return Object.entries(contents).map(([name, text]) => {
    const path = join(dir, name);
    files.write(path, text);
    const shown = relative(io.cwd, path);
    return shown.startsWith('..') ? path : shown;
  });
}

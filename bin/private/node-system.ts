/**
 * The real process and file system behind the main job and the audit: the one place in bin/ that
 * spawns child processes and touches files for lib/ (lib/ receives these functions, it never
 * imports node:child_process itself).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion in the current directory, collecting its output. */
export function runCommand(
  command: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(command, [...args], {
      cwd: process.cwd(),
      env: { ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('error', (e) => done({ code: 127, stdout, stderr: `${stderr}${e.message}\n` }));
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}

export const nodeFiles = {
  readFile: (path: string): string => readFileSync(path, 'utf8'),
  writeFile: (path: string, text: string): void => writeFileSync(path, text),
  exists: (path: string): boolean => existsSync(path),
  makeDir: (path: string): void => void mkdirSync(path, { recursive: true }),
  removeDir: (path: string): void => rmSync(path, { recursive: true, force: true }),
};

/** True when the user asked for help; the entry points print usage and exit 0. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

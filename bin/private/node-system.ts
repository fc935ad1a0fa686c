/**
 * The real process and file system behind the main job and the audit: the one place in bin/ that
 * spawns child processes and touches files for lib/ (lib/ receives these functions, it never
 * imports node:child_process itself).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { synthesizeApp } from '../../lib/app';
import { controlTowerFileCache, parallelControlTowerRunner } from './control-tower-check';
import { cachedTemplateValidation } from './template-validation-check';
import { packResultFileCache } from './pack-result-files';

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

/**
 * Processes, files, the one synth and the monotonic clock for `estate start` and `estate audit`;
 * Control Tower results are cached by template hash in .cache/control-tower/ and changed
 * templates are checked in worker threads; template validation likewise (.cache/template-validation/);
 * the stock cdk-nag packs' outcomes per stack in .cache/nag-packs/.
 */
export const nodeSystem = {
  run: runCommand,
  ...nodeFiles,
  synth: synthesizeApp,
  controlTowerCheck: {
    cache: controlTowerFileCache(resolve('.cache', 'control-tower')),
    runner: parallelControlTowerRunner,
  },
  templateValidator: () => cachedTemplateValidation(),
  packCache: packResultFileCache(),
  clockMs: (): number => performance.now(),
};

/** The real process behind the CLI's `CliIo`. `cwd`: where relative paths resolve. */
export function processIo(cwd: string) {
  return {
    stdout: (t: string): void => void process.stdout.write(t),
    stderr: (t: string): void => void process.stderr.write(t),
    cwd,
    env: process.env,
    now: (): Date => new Date(),
    sleep: (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms)),
  };
}

/** Runs the CLI with `argv` and sets the exit code; `name` prefixes an unexpected error. */
export function runEntry(name: string, run: () => Promise<number>): void {
  run().then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`${name}: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
      if (process.env.ESTATE_DEBUG) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
      process.exitCode = 1;
    },
  );
}

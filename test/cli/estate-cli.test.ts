/**
 * `estate` is the one entry: `start` (the main job, also `npm start`), `audit` (also
 * `npm run audit`), `plan ...`, `cost ...`; the plan folder is `--plan` everywhere.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { COMMANDS, estateCommands, runCli, type EstateSystem } from '../../lib/cli';
import { captureIo } from './capture-io';
import { npmScriptCommand } from '../support/project-commands';

const ROOT = resolve(__dirname, '..', '..');
const VALID = 'test/fixtures/plans/valid-small';

/**
 * Processes and files for start/audit that record every command instead of running it; the
 * in-process synth is recorded as `synth` and fails.
 */
function recordingSystem(code: number): EstateSystem & { readonly calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    synth: () => {
      calls.push(['synth']);
      throw new Error('synth failed here');
    },
    run: async (command, args) => {
      calls.push([command, ...args]);
      return { code, stdout: '', stderr: 'synth failed here\n' };
    },
    readFile: () => {
      throw new Error('no file in this test');
    },
    writeFile: () => undefined,
    exists: () => false,
    makeDir: () => undefined,
    removeDir: () => undefined,
    clockMs: () => 0,
  };
}

describe('the plan folder is --plan everywhere', () => {
  test('plan validate takes --plan as well as the positional form', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', '--plan', VALID], io)).toBe(0);
    expect(io.out()).toBe(
      `Plan ${VALID} is valid: 2 applications, 2 waves, 3 servers, 2 databases; 1 warning\n`,
    );
  });

  test('plan show takes --plan', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'show', '--plan', VALID, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ plan: VALID });
  });

  test('giving the folder both ways is a usage error', async () => {
    const io = captureIo();
    expect(await runCli(['plan', 'validate', '--plan', VALID, 'other'], io)).toBe(2);
    expect(io.err()).toBe(`Give the plan folder once: --plan ${VALID} or other, not both.\n`);
  });

  test('commands without a positional form say to use --plan', async () => {
    const io = captureIo();
    expect(await runCli(['cost', 'estimate', VALID], io)).toBe(2);
    expect(io.err()).toBe(`Unexpected argument(s): ${VALID}. Give the plan folder with --plan DIR.\n`);
  });

  test('every command that takes a plan declares --plan', () => {
    const commands = estateCommands(recordingSystem(0));
    const planCommands = commands.filter((c) => c.path[0] !== 'cost' || c.path[1] !== 'refresh-prices');
    for (const c of planCommands)
      expect([c.path.join(' '), Object.keys(c.options)]).toEqual([
        c.path.join(' '),
        expect.arrayContaining(['plan']),
      ]);
  });
});

describe('estate start and estate audit', () => {
  test('the command list starts with start and audit, then the plan and cost commands', async () => {
    const io = captureIo();
    expect(await runCli(['--help'], io, estateCommands(recordingSystem(0)))).toBe(0);
    expect(io.out()).toMatch(
      /Commands:\n {2}start +The main job.*\n {2}audit +Compliance audit.*\n {2}plan validate /,
    );
    expect(COMMANDS.map((c) => c.path[0])).not.toContain('start');
  });

  test('start runs the main job: checks the plan, then synthesizes it once, in process', async () => {
    const system = recordingSystem(1);
    const io = captureIo(ROOT);
    expect(
      await runCli(['start', '--plan', VALID, '--out', 'cdk.out.test-start'], io, estateCommands(system)),
    ).toBe(1);
    expect(io.out()).toMatch(
      /^\[1\/7\] Checking the plan\.\.\.\n {6}Testshire District Council: 3 servers, 2 databases, 2 waves\n\[2\/7\] Synthesizing \d+ stacks with template validation\.\.\.\n/,
    );
    expect(io.err()).toMatch(
      /^Step 2 of 7 failed \(Synthesizing \d+ stacks with template validation\): unexpected error: synth failed here/,
    );
    expect(system.calls).toEqual([['synth']]);
  });

  test('audit synthesizes once, in process, and spawns nothing', async () => {
    const system = recordingSystem(1);
    const io = captureIo(ROOT);
    await expect(
      runCli(['audit', '--plan', VALID, '--no-control-tower'], io, estateCommands(system)),
    ).rejects.toThrow('synth failed here');
    expect(system.calls).toEqual([['synth']]);
    // Progress goes to stderr (stdout keeps the report summary), before the long synth starts.
    expect(io.err()).toMatch(
      /^Synthesizing the estate \(\d+ servers, \d+ databases\) with every compliance pack\.\.\.\n$/,
    );
  });

  test('a bad option is a usage error with the command usage', async () => {
    const io = captureIo(ROOT);
    expect(await runCli(['start', '--plna', VALID], io, estateCommands(recordingSystem(0)))).toBe(2);
    expect(io.err()).toContain("Unknown option '--plna'");
    expect(io.err()).toContain('Usage: npm run estate -- start [--plan DIR] [--out DIR]');
  });

  test('npm start and npm run audit are aliases: the same help as estate start / estate audit', () => {
    // The package.json scripts, as `npm start -- --help` and `npm run estate -- start --help` run them.
    const script = (name: string, args: string[]) => {
      const [program, all] = npmScriptCommand(name, args);
      return spawnSync(program, all, { cwd: ROOT, encoding: 'utf8' });
    };
    const start = script('start', ['--help']);
    const estateStart = script('estate', ['start', '--help']);
    expect({ code: start.status, out: start.stdout }).toEqual({ code: 0, out: estateStart.stdout });
    expect(start.stdout).toContain('Usage: npm run estate -- start');
    const audit = script('audit', ['--help']);
    const estateAudit = script('estate', ['audit', '--help']);
    expect({ code: audit.status, out: audit.stdout }).toEqual({ code: 0, out: estateAudit.stdout });
    expect(audit.stdout).toContain('Usage: npm run estate -- audit');
  }, 120_000);
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  runJob,
  synthStep,
  type CommandResult,
  type JobContext,
  type JobStep,
  type JobSystem,
} from '../../lib/app';
import { tempDir } from './support/cdk-app';

function capture(): {
  out: string[];
  err: string[];
  io: { stdout: (t: string) => void; stderr: (t: string) => void };
} {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t) } };
}

function context(system: Partial<JobSystem> = {}, outdir = tempDir('n-job')): JobContext {
  const printed: string[] = [];
  return {
    cwd: '/project',
    env: {},
    planDir: 'plans/x',
    outdir,
    cdkContext: {},
    system: {
      run: async () => ({ code: 0, stdout: '', stderr: '' }),
      readFile: () => '',
      exists: () => false,
      removeDir: () => undefined,
      clockMs: () => 0,
      ...system,
    },
    print: (t) => printed.push(t),
    state: {},
  };
}

describe('runJob', () => {
  test('prints numbered progress lines, uses titles computed from state, returns 0', async () => {
    const ran: string[] = [];
    const steps: JobStep[] = [
      {
        title: 'First',
        run: async (ctx) => ((ctx.state.stackCount = 9), ran.push('a'), { ok: true, message: 'did a' }),
      },
      {
        title: (s) => `Synthesizing ${s.stackCount} stacks`,
        run: async () => (ran.push('b'), { ok: true, message: 'did b' }),
      },
    ];
    const { out, err, io } = capture();
    expect(await runJob(steps, context(), io)).toBe(0);
    expect(ran).toEqual(['a', 'b']);
    expect(out.join('')).toBe(
      '[1/2] First...\n      did a\n[2/2] Synthesizing 9 stacks...\n      did b\nDone: 2 of 2 steps succeeded.\n',
    );
    expect(err).toEqual([]);
  });

  test('stops at the first failing step, names it and says what to do; returns 1', async () => {
    const ran: string[] = [];
    const steps: JobStep[] = [
      { title: 'Good', run: async () => (ran.push('a'), { ok: true, message: 'ok' }) },
      {
        title: 'Bad',
        run: async () => (ran.push('b'), { ok: false, message: 'it broke', hint: 'fix the thing' }),
      },
      { title: 'Never', run: async () => (ran.push('c'), { ok: true, message: 'ok' }) },
    ];
    const { err, io } = capture();
    expect(await runJob(steps, context(), io)).toBe(1);
    expect(ran).toEqual(['a', 'b']);
    expect(err.join('')).toBe('Step 2 of 3 failed (Bad): it broke\nWhat to do: fix the thing\n');
  });

  test('a step that throws fails the job with the error message', async () => {
    const { err, io } = capture();
    const steps: JobStep[] = [{ title: 'Throws', run: async () => Promise.reject(new Error('boom')) }];
    expect(await runJob(steps, context(), io)).toBe(1);
    expect(err.join('')).toBe('Step 1 of 1 failed (Throws): unexpected error: boom\n');
  });
});

describe('synthStep', () => {
  function cliThatWrites(
    report: object | undefined,
    result: CommandResult,
  ): Partial<JobSystem> & { calls: string[][] } {
    const calls: string[][] = [];
    return {
      calls,
      run: async (command, args) => {
        calls.push([command, ...args]);
        const out = args[args.indexOf('-o') + 1] as string;
        mkdirSync(out, { recursive: true });
        if (report) writeFileSync(join(out, 'validation-report.json'), JSON.stringify(report));
        return result;
      },
      readFile: (p) => readFileSync(p, 'utf8'),
      exists: (p) => existsSync(p),
    };
  }

  test('removes the stale cdk.out before running the CLI with validation on', async () => {
    const events: string[] = [];
    const fake = cliThatWrites({ pluginReports: [] }, { code: 0, stdout: '', stderr: '' });
    const ctx = context({ ...fake, removeDir: (p) => events.push(`rm ${p}`) });
    const result = await synthStep.run(ctx);
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(/validation: 0 errors, 0 warning\(s\)$/),
    });
    expect(events).toEqual([`rm ${ctx.outdir}`]);
    expect(fake.calls[0]).toEqual(
      expect.arrayContaining([
        'npx',
        'cdk',
        'synth',
        '--quiet',
        '--no-notices',
        'plan=plans/x',
        '@aws-cdk/core:validateAgainstDefaultRules=true',
      ]),
    );
  });

  test('fails with the findings when the validation report has errors', async () => {
    const report = {
      pluginReports: [
        {
          pluginName: 'CloudFormation Validate',
          violations: [
            {
              ruleName: 'E3002',
              description: 'Bad property',
              severity: 'error',
              violatingConstructs: [{ constructPath: 'S/R' }],
            },
          ],
        },
      ],
    };
    const printed: string[] = [];
    const ctx = {
      ...context(cliThatWrites(report, { code: 1, stdout: '', stderr: 'failed' })),
      print: (t: string) => printed.push(t),
    };
    const result = await synthStep.run(ctx);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^template validation found 1 error\(s\)/);
    expect(printed.join('')).toBe(
      'ERROR [CloudFormation Validate] E3002: Bad property (1 construct(s), first: S/R)\n',
    );
  });

  test('fails with the CLI output when the CLI fails without a report', async () => {
    const printed: string[] = [];
    const ctx = {
      ...context(cliThatWrites(undefined, { code: 2, stdout: '', stderr: 'Plan x has 1 problem' })),
      print: (t: string) => printed.push(t),
    };
    const result = await synthStep.run(ctx);
    expect(result).toEqual({
      ok: false,
      message: expect.stringMatching(/exited with 2/),
      hint: expect.any(String),
    });
    expect(printed.join('')).toBe('Plan x has 1 problem\n');
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { runJob, synthStep, type JobContext, type JobStep, type JobSystem } from '../../lib/app';
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
      writeFile: () => undefined,
      makeDir: () => undefined,
      exists: () => false,
      removeDir: () => undefined,
      synth: () => {
        throw new Error('no synth in this test');
      },
      clockMs: () => 0,
      ...system,
    } as JobSystem,
    now: () => new Date('2026-11-30T00:00:00Z'),
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
  /** A system that counts synths (withBuiltApp makes them write the report, as aws-cdk-lib does). */
  function synthThatWrites(_report: object | undefined): Partial<JobSystem> & { synths: number } {
    const fake = {
      synths: 0,
      synth: (() => {
        fake.synths += 1;
        return {} as CloudAssembly;
      }) as JobSystem['synth'],
      readFile: (p: string) => readFileSync(p, 'utf8'),
      exists: (p: string) => existsSync(p),
    };
    return fake;
  }

  function withBuiltApp(ctx: JobContext, outdir: string, report: object | undefined): JobContext {
    ctx.state.built = { app: new App(), stackCount: 1, plugins: [] };
    ctx.state.stackCount = 1;
    const system = ctx.system;
    return {
      ...ctx,
      system: {
        ...system,
        synth: (app) => {
          mkdirSync(outdir, { recursive: true });
          if (report) writeFileSync(join(outdir, 'validation-report.json'), JSON.stringify(report));
          return system.synth(app);
        },
      },
    };
  }

  test('removes the stale cdk.out, then synthesizes the built tree once, in process', async () => {
    const events: string[] = [];
    const fake = synthThatWrites({ pluginReports: [] });
    const outdir = tempDir('n-job');
    const ctx = withBuiltApp(
      context(
        { ...fake, removeDir: (p) => events.push(`rm ${p}`), makeDir: (p) => events.push(`mkdir ${p}`) },
        outdir,
      ),
      outdir,
      { pluginReports: [] },
    );
    const result = await synthStep.run(ctx);
    expect(result).toEqual({
      ok: true,
      message: expect.stringMatching(/validation: 0 errors, 0 warning\(s\)$/),
    });
    expect(events).toEqual([`rm ${outdir}`, `mkdir ${outdir}`]);
    expect(fake.synths).toBe(1);
    expect(ctx.state.validationReport?.pluginReports).toEqual([]);
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
    const outdir = tempDir('n-job');
    const ctx = {
      ...withBuiltApp(context(synthThatWrites(report), outdir), outdir, report),
      print: (t: string) => printed.push(t),
    };
    const result = await synthStep.run(ctx);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^template validation found 1 error\(s\)/);
    expect(printed.join('')).toBe(
      'ERROR [CloudFormation Validate] E3002: Bad property (1 construct(s), first: S/R)\n',
    );
  });

  test('leaves Control Tower findings to the audit step', async () => {
    const report = {
      pluginReports: [
        {
          pluginName: 'cdk-validator-cfnguard',
          violations: [{ ruleName: 'ct-s3-pr-1', severity: 'error', violatingConstructs: [] }],
        },
      ],
    };
    const outdir = tempDir('n-job');
    const ctx = withBuiltApp(context(synthThatWrites(report), outdir), outdir, report);
    expect((await synthStep.run(ctx)).ok).toBe(true);
  });

  test('fails when no tree was built', async () => {
    expect(await synthStep.run(context())).toEqual({
      ok: false,
      message: 'no app was built (the plan step did not run)',
    });
  });
});

/**
 * How this project runs the real CDK CLI: `npx cdk synth` offline (no notices, no telemetry),
 * for a plan folder, into an output folder. Used by the main job's synth step and by the audit.
 */

export interface CdkSynthInvocation {
  readonly command: 'npx';
  readonly args: readonly string[];
  /** The caller's environment with CLI telemetry switched off. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** `npx cdk synth --quiet` for `planDir` into `outdir`, with extra context values. */
export function cdkSynthInvocation(
  planDir: string,
  outdir: string,
  context: Readonly<Record<string, string>>,
  env: Readonly<Record<string, string | undefined>>,
): CdkSynthInvocation {
  const contextArgs = Object.entries({ plan: planDir, ...context }).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  return {
    command: 'npx',
    args: ['cdk', 'synth', '--quiet', '--no-notices', ...contextArgs, '-o', outdir],
    env: { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
  };
}

/** Last lines of a command's output, for failure messages. */
export function lastLines(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

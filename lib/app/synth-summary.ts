/**
 * A summary of a synthesized cloud assembly (cdk.out): per stack its resource and output counts
 * and template size. Pure: the caller passes a reader for files inside the assembly folder.
 */
import { z } from 'zod';

/** Reads a file inside the cloud assembly folder, by path relative to it. */
export type AssemblyReader = (relativePath: string) => string;

export interface StackSummary {
  /** Artifact id (the construct id of the stack). */
  readonly id: string;
  readonly stackName: string;
  /** `aws://account/region`. */
  readonly environment: string;
  readonly templateFile: string;
  readonly resources: number;
  readonly outputs: number;
  /** Template size in bytes (CloudFormation accepts up to 1 MB through S3). */
  readonly templateBytes: number;
  /** Resource count per CloudFormation type, for sections that report on particular types. */
  readonly resourceTypes: Readonly<Record<string, number>>;
  /** The parsed template, for sections that need more than counts. */
  readonly template: Readonly<CfnTemplate>;
}

export interface SynthSummary {
  readonly stacks: readonly StackSummary[];
  readonly totalResources: number;
  readonly totalTemplateBytes: number;
}

const ManifestSchema = z.object({
  artifacts: z
    .record(
      z.string(),
      z.object({
        type: z.string(),
        environment: z.string().optional(),
        displayName: z.string().optional(),
        properties: z
          .object({ templateFile: z.string().optional(), stackName: z.string().optional() })
          .loose()
          .optional(),
      }),
    )
    .default({}),
});

const TemplateSchema = z
  .object({
    Resources: z.record(z.string(), z.object({ Type: z.string() }).loose()).default({}),
    Outputs: z.record(z.string(), z.unknown()).default({}),
  })
  .loose();

export type CfnTemplate = z.output<typeof TemplateSchema>;

function parseJson<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `Cloud assembly file ${file} is not valid JSON (${(e as Error).message}); synthesize again`,
    );
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Cloud assembly file ${file} is not in the expected shape: ${parsed.error.issues[0]?.message ?? ''}`,
    );
  }
  return parsed.data;
}

/** Summarizes every CloudFormation stack in the assembly, sorted by stack name. */
export function summarizeAssembly(read: AssemblyReader): SynthSummary {
  const manifest = parseJson(ManifestSchema, read('manifest.json'), 'manifest.json');
  const stacks: StackSummary[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const templateFile = artifact.properties?.templateFile;
    if (!templateFile) throw new Error(`Cloud assembly stack ${id} names no template file in manifest.json`);
    const text = read(templateFile);
    const template = parseJson(TemplateSchema, text, templateFile);
    const resourceTypes: Record<string, number> = {};
    for (const r of Object.values(template.Resources))
      resourceTypes[r.Type] = (resourceTypes[r.Type] ?? 0) + 1;
    stacks.push({
      id,
      stackName: artifact.properties?.stackName ?? artifact.displayName ?? id,
      environment: artifact.environment ?? 'unknown',
      templateFile,
      resources: Object.keys(template.Resources).length,
      outputs: Object.keys(template.Outputs).length,
      templateBytes: Buffer.byteLength(text, 'utf8'),
      resourceTypes,
      template,
    });
  }
  stacks.sort((a, b) => (a.stackName < b.stackName ? -1 : a.stackName > b.stackName ? 1 : 0));
  return {
    stacks,
    totalResources: stacks.reduce((n, s) => n + s.resources, 0),
    totalTemplateBytes: stacks.reduce((n, s) => n + s.templateBytes, 0),
  };
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The summary as an aligned text table. */
export function formatSynthSummary(summary: SynthSummary): string {
  const header = ['Stack', 'Resources', 'Outputs', 'Template'];
  const rows = summary.stacks.map((s) => [
    s.stackName,
    String(s.resources),
    String(s.outputs),
    kib(s.templateBytes),
  ]);
  const total = ['Total', String(summary.totalResources), '', kib(summary.totalTemplateBytes)];
  const all = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]): string =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), line(total)].join('\n') + '\n';
}

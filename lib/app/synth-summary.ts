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
  /** Per migration wave: servers and databases built, with types, and those that got no resources. */
  readonly landingZones: readonly WaveLandingZones[];
}

/** One migration wave's landing zones, read back from the synthesized templates. */
export interface WaveLandingZones {
  readonly wave: string;
  /** EC2 servers: plan id, instance type, availability zone, stack. */
  readonly servers: readonly {
    readonly id: string;
    readonly instanceType: string;
    readonly availabilityZone: string;
    readonly stack: string;
  }[];
  /** RDS databases: plan id, engine, instance class, Multi-AZ, stack. */
  readonly databases: readonly {
    readonly id: string;
    readonly engine: string;
    readonly instanceClass: string;
    readonly multiAz: boolean;
    readonly stack: string;
  }[];
  /** Servers and databases with no resources (retire, retain, repurchase, refactor). */
  readonly withoutResources: readonly {
    readonly kind: string;
    readonly id: string;
    readonly strategy: string;
  }[];
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
    landingZones: landingZonesOf(stacks),
  };
}

const TaggedSchema = z
  .object({ Tags: z.array(z.object({ Key: z.string(), Value: z.unknown() })).optional() })
  .loose();
const WithoutResourcesSchema = z.array(
  z.object({
    kind: z.string(),
    id: z.string(),
    wave: z.string(),
    waveOrder: z.number(),
    strategy: z.string(),
  }),
);

/**
 * Landing zones per wave from the templates: EC2 instances (ServerId tag, InstanceType,
 * AvailabilityZone) and RDS instances (DatabaseId tag, Engine, DBInstanceClass, MultiAZ), grouped by their MigrationWave tag, plus the
 * items without resources the access stack records in its `EstateWithoutLandingZone` metadata.
 * Waves are listed in the order their stacks deploy (stack names carry the wave order).
 */
function landingZonesOf(stacks: readonly StackSummary[]): WaveLandingZones[] {
  type Mutable = {
    wave: string;
    order: number;
    servers: { id: string; instanceType: string; availabilityZone: string; stack: string }[];
    databases: { id: string; engine: string; instanceClass: string; multiAz: boolean; stack: string }[];
    withoutResources: { kind: string; id: string; strategy: string }[];
  };
  const waves = new Map<string, Mutable>();
  const waveFor = (wave: string, order: number): Mutable => {
    let w = waves.get(wave);
    if (!w) waves.set(wave, (w = { wave, order, servers: [], databases: [], withoutResources: [] }));
    return w;
  };
  for (const stack of stacks) {
    const orderMatch = /-Wave(\d+)-/.exec(stack.stackName);
    const order = orderMatch ? Number(orderMatch[1]) : Number.MAX_SAFE_INTEGER;
    for (const resource of Object.values(stack.template.Resources)) {
      if (resource.Type !== 'AWS::EC2::Instance' && resource.Type !== 'AWS::RDS::DBInstance') continue;
      const props = TaggedSchema.safeParse(resource.Properties ?? {});
      if (!props.success) continue;
      const tag = (key: string): string | undefined => {
        const value = props.data.Tags?.find((t) => t.Key === key)?.Value;
        return typeof value === 'string' ? value : undefined;
      };
      const wave = tag('MigrationWave');
      const p = props.data as Record<string, unknown>;
      const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? '?'));
      if (resource.Type === 'AWS::EC2::Instance' && wave && tag('ServerId')) {
        waveFor(wave, order).servers.push({
          id: tag('ServerId')!,
          instanceType: text(p.InstanceType),
          availabilityZone: text(p.AvailabilityZone),
          stack: stack.stackName,
        });
      }
      if (resource.Type === 'AWS::RDS::DBInstance' && wave && tag('DatabaseId')) {
        waveFor(wave, order).databases.push({
          id: tag('DatabaseId')!,
          engine: `${text(p.Engine)} ${text(p.EngineVersion)}`,
          instanceClass: text(p.DBInstanceClass),
          multiAz: p.MultiAZ === true,
          stack: stack.stackName,
        });
      }
    }
    const metadata = (stack.template as { Metadata?: Record<string, unknown> }).Metadata
      ?.EstateWithoutLandingZone;
    if (metadata !== undefined) {
      const items = WithoutResourcesSchema.safeParse(metadata);
      if (!items.success)
        throw new Error(
          `Stack ${stack.stackName}: EstateWithoutLandingZone metadata is not in the expected shape`,
        );
      for (const item of items.data) {
        waveFor(item.wave, item.waveOrder).withoutResources.push({
          kind: item.kind,
          id: item.id,
          strategy: item.strategy,
        });
      }
    }
  }
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...waves.values()]
    .sort((a, b) => a.order - b.order || (a.wave < b.wave ? -1 : 1))
    .map((w) => ({
      wave: w.wave,
      servers: w.servers.sort(byId),
      databases: w.databases.sort(byId),
      withoutResources: w.withoutResources.sort(byId),
    }));
}

/** Per wave: servers and databases with their instance types, and what got no resources and why. */
export function formatLandingZoneSummary(summary: SynthSummary): string {
  const lines: string[] = [];
  for (const w of summary.landingZones) {
    lines.push(
      `${w.wave}: ${w.servers.length} servers, ${w.databases.length} databases, ${w.withoutResources.length} without resources`,
    );
    for (const s of w.servers) lines.push(`  server    ${s.id}  ${s.instanceType}  ${s.availabilityZone}`);
    for (const d of w.databases)
      lines.push(
        `  database  ${d.id}  ${d.instanceClass}  ${d.engine}  ${d.multiAz ? 'Multi-AZ' : 'single-AZ'}`,
      );
    for (const n of w.withoutResources) lines.push(`  no resources  ${n.kind} ${n.id} (${n.strategy})`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
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

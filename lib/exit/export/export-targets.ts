/**
 * What `exit export` is asked to do, checked against the exit plan before anything starts: an
 * unknown server or wave, a format the route cannot produce, or no exit bucket is a one-line
 * error (exit code 2).
 */
import type { ExitFormat } from '../../estate-model/routes/exit-route';
import type { ExitItem } from '../exit-item';
import type { ExitPlan } from '../exit-plan';
import { exportPrefix, VMIMPORT_ROLE_NAME } from '../exit-names';
import type { ExportRunState } from './export-state';

export class ExportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportInputError';
  }
}

export interface ExportRequest {
  readonly server?: string;
  readonly wave?: string;
  readonly format?: string;
  readonly bucket?: string;
}

export interface ExportSelection {
  /** Servers with an image route, in leaving order. */
  readonly targets: readonly ExitItem[];
  /** Items of the wave this command does not export, with the reason (their runbook steps apply). */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  readonly format: 'vmdk' | 'vhd' | 'raw';
  readonly bucket: string;
  /** Name of the state/manifest folder: the server or wave id. */
  readonly runName: string;
}

const IMAGE_ROUTES = ['image-export', 'staged-export'];

export function selectExportTargets(plan: ExitPlan, req: ExportRequest): ExportSelection {
  if ((req.server === undefined) === (req.wave === undefined)) {
    throw new ExportInputError('exit export: give exactly one of --server <id> or --wave <id>');
  }
  if (req.format !== undefined && !['vmdk', 'vhd', 'raw'].includes(req.format)) {
    throw new ExportInputError(
      `exit export: --format ${req.format} is not an image format; use vmdk, vhd or raw`,
    );
  }
  const format = (req.format ?? 'vmdk') as ExportSelection['format'];
  let targets: ExitItem[];
  let skipped: { id: string; reason: string }[] = [];
  if (req.server !== undefined) {
    const item = plan.items.find((i) => i.id === req.server && i.type === 'server');
    if (!item) {
      const absent = plan.notOnAws.find((i) => i.id === req.server);
      throw new ExportInputError(
        absent
          ? `exit export: server "${req.server}" is not on AWS (${absent.reason})`
          : `exit export: unknown server "${req.server}" (see "npm run estate -- exit plan" for the servers on AWS)`,
      );
    }
    if (!IMAGE_ROUTES.includes(item.route) || !item.formats.includes(format as ExitFormat)) {
      throw new ExportInputError(
        `exit export: server "${item.id}" leaves by ${item.route} as ${item.formats.join('/')}, which cannot produce ${format}; follow its runbook steps instead`,
      );
    }
    targets = [item];
  } else {
    const inWave = plan.items.filter((i) => i.wave === req.wave);
    if (!plan.waves.some((w) => w.wave === req.wave)) {
      throw new ExportInputError(
        `exit export: unknown wave "${req.wave}" (waves: ${plan.waves.map((w) => w.wave).join(', ')})`,
      );
    }
    targets = inWave.filter((i) => i.type === 'server' && IMAGE_ROUTES.includes(i.route));
    skipped = inWave
      .filter((i) => !targets.includes(i))
      .map((i) => ({ id: i.id, reason: `${i.route}: follow its runbook steps` }));
    if (targets.length === 0) {
      throw new ExportInputError(`exit export: wave "${req.wave}" has no server with an image export route`);
    }
  }
  if (req.bucket === undefined || req.bucket.trim() === '') {
    throw new ExportInputError(
      `exit export: no exit bucket; deploy the Exit stack and pass --bucket ${plan.bucket} (its ExitBucketName output)`,
    );
  }
  return { targets, skipped, format, bucket: req.bucket, runName: req.server ?? req.wave! };
}

/** The first state of a run: every target pending, tokens derived from stable ids. */
export function initialRunState(
  plan: ExitPlan,
  selection: ExportSelection,
  startedAt: string,
  concurrency: number,
  concurrencySource = 'the VM Import/Export default quota',
): ExportRunState {
  return {
    version: 1,
    estate: plan.estate.id,
    region: plan.estate.region,
    bucket: selection.bucket,
    format: selection.format,
    roleName: VMIMPORT_ROLE_NAME,
    concurrency,
    concurrencySource,
    startedAt,
    servers: selection.targets.map((t) => {
      const stamp = startedAt.replace(/[^0-9]/g, '').slice(0, 14);
      return {
        id: t.id,
        route: t.route as 'image-export' | 'staged-export',
        plannedRoute: t.route as 'image-export' | 'staged-export',
        attempt: 1,
        phase: 'pending',
        imageName: `exit-${plan.estate.id}-${t.id}-${stamp}`,
        // At most 64 ASCII characters: stable per run, server and format.
        clientToken: `exit-${t.id}-${selection.format}-${stamp}`.slice(0, 64),
        exportPrefix: exportPrefix(t.wave, t.id),
      };
    }),
  };
}

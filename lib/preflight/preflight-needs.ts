/**
 * What a first deploy of the plan needs from one workload account, derived from the plan and the
 * estate model only (no AWS calls): the images its instances boot (the image ids the wave stacks
 * write as `ImageId`), the regions its stacks go to, the quotas, MGN, and the security services
 * and roles the plan says the organisation provides or the stacks create.
 */
import type { EstateModel, WorkloadAccount } from '../estate-model';
import { serverEntryRouteOf } from '../estate-model/model-lookup';
import { illustrativeImages } from '../plan/illustrative-images';
import type { OrganisationControls } from '../plan/schema';
import { DEFAULT_EXIT_ASSUMPTIONS } from '../exit/assumptions';
import { STAGING_WORKER_BASE_IMAGE } from '../exit/exit-names';
import { pinnedImage } from '../plan/image-lock';
import { quotaNeeds, type QuotaNeed } from './quotas';
import type { DmsSourceSecret } from '../migration/dms/source-secrets';

export interface ImageNeed {
  readonly imageId: string;
  /** `imported`: the council's own AMI, must be owned by the account; `base-image`: a public one. */
  readonly source: 'imported' | 'base-image';
  readonly usedBy: readonly string[];
  /** Where the plan marks it illustrative (file and path), if it does. */
  readonly illustrative?: string;
}

export interface PreflightNeeds {
  readonly account: WorkloadAccount;
  readonly homeRegion: string;
  /** Every region a stack of this account deploys to (CDK bootstrap and opt-in needed). */
  readonly regions: readonly string[];
  readonly images: readonly ImageNeed[];
  readonly quotas: readonly QuotaNeed[];
  /** The exit plan's image export concurrency (checked against VM Import/Export's fixed limit). */
  readonly exportConcurrency: number;
  /** Servers that arrive through AWS MGN (MGN must be initialised). */
  readonly mgnServers: readonly string[];
  readonly provides: OrganisationControls;
  readonly keyRoles: readonly string[];
  /** Source secrets of the account's `dms` databases, which the stacks read but never create. */
  readonly dmsSourceSecrets: readonly DmsSourceSecret[];
}

/**
 * @param dmsSecrets the estate's DMS source secrets (lib/migration `dmsSourceSecrets`); only this
 *   account's are kept
 */
export function preflightNeeds(
  model: EstateModel,
  account: WorkloadAccount,
  dmsSecrets: readonly DmsSourceSecret[],
): PreflightNeeds {
  const { settings } = model;
  const lockAndServers = { imageLock: settings.imageLock, servers: model.planned.servers };
  const illustrative = new Map(
    illustrativeImages(lockAndServers).map((i) => [i.imageId, `${i.file} ${i.path}`]),
  );
  const images = new Map<string, { source: ImageNeed['source']; usedBy: string[] }>();
  for (const s of model.servers) {
    if (!s.landingZone || s.account.role !== account.role || !s.image) continue;
    const entry = images.get(s.image.imageId) ?? { source: s.image.source, usedBy: [] };
    entry.usedBy.push(s.id);
    images.set(s.image.imageId, entry);
  }
  // The Exit stack's staging worker boots the pinned worker image (stacks/exit-stack.ts).
  const worker = account.exitResources
    ? pinnedImage(settings.imageLock, STAGING_WORKER_BASE_IMAGE, model.estate.region)
    : undefined;
  if (worker) {
    const entry = images.get(worker.imageId) ?? { source: 'base-image' as const, usedBy: [] };
    entry.usedBy.push('exit staging worker');
    images.set(worker.imageId, entry);
  }
  const inAccount = new Set(model.servers.filter((s) => s.account.role === account.role).map((s) => s.id));
  const regions = [model.estate.region];
  if (
    account.role === 'production' &&
    settings.finance &&
    !regions.includes(settings.finance.billingConfigurationRegion)
  )
    regions.push(settings.finance.billingConfigurationRegion);
  return {
    account,
    homeRegion: model.estate.region,
    regions,
    images: [...images].map(([imageId, e]) => ({
      imageId,
      source: e.source,
      usedBy: e.usedBy,
      ...(illustrative.has(imageId) ? { illustrative: illustrative.get(imageId)! } : {}),
    })),
    quotas: quotaNeeds(model, account),
    exportConcurrency: DEFAULT_EXIT_ASSUMPTIONS.imageExportConcurrency,
    mgnServers: model.planned.servers
      .filter((s) => inAccount.has(s.id) && serverEntryRouteOf(model, s.id) === 'mgn')
      .map((s) => s.id),
    provides: settings.organisation.provides,
    keyRoles: [settings.keyAdministration.adminRole, settings.keyAdministration.breakGlassRole],
    dmsSourceSecrets: dmsSecrets.filter((s) => s.accountRole === account.role),
  };
}

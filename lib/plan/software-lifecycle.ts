/**
 * The software lifecycle table (data/software-lifecycle.json): end-of-support dates with their
 * public sources, and which servers and databases of a plan they apply to. Pure.
 */
import table from './data/software-lifecycle.json';

export interface LifecycleEntry {
  readonly id: string;
  readonly product: string;
  readonly match: {
    readonly os?: { readonly family: string; readonly version: string };
    readonly baseImage?: string;
    readonly database?: { readonly engine: string; readonly version: string };
  };
  /** What happens on `date`. */
  readonly event: string;
  /** YYYY-MM-DD. */
  readonly date: string;
  /** Public page the date comes from. */
  readonly source: string;
  /** RDS Extended Support: charged from the day after `date`; year-3 rate from `year3From`. */
  readonly rdsExtendedSupport?: { readonly year3From: string; readonly endsAfter: string };
}

export const SOFTWARE_LIFECYCLE: readonly LifecycleEntry[] = table.entries;

/** The entries that apply to a server (by its OS or its base image). */
export function lifecycleOfServer(server: {
  readonly os: { readonly family: string; readonly version: string };
  readonly image?: { readonly baseImage?: string } | { readonly importedImageId: string };
}): LifecycleEntry[] {
  const baseImage = server.image && 'baseImage' in server.image ? server.image.baseImage : undefined;
  return SOFTWARE_LIFECYCLE.filter(
    (e) =>
      (e.match.os !== undefined &&
        e.match.os.family === server.os.family &&
        e.match.os.version === server.os.version) ||
      (e.match.baseImage !== undefined && e.match.baseImage === baseImage),
  );
}

/** The entries that apply to a database (engine and major version). */
export function lifecycleOfDatabase(db: {
  readonly engine: string;
  readonly version: string;
}): LifecycleEntry[] {
  return SOFTWARE_LIFECYCLE.filter(
    (e) => e.match.database?.engine === db.engine && e.match.database.version === db.version,
  );
}

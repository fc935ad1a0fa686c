/**
 * Optional plan-folder files written by commands rather than by people (`image-lock.yaml`,
 * `migration-state.yaml`): same reading and validation as the plan files, problems with
 * file:line:column. An absent file means "nothing pinned / nothing adopted yet".
 */
import type { z } from 'zod';
import { renderValue, type PlanProblem } from './errors';
import { ImageLockFileSchema, IMAGE_LOCK_FILE, type ImageLockFile } from './image-lock';
import { MigrationStateFileSchema, MIGRATION_STATE_FILE, type MigrationStateFile } from './migration-state';
import type { PlanFileKey } from './files';
import { formatPath } from './private/path';
import { readYamlFile } from './private/yaml-file';
import { structureProblems } from './private/zod-issues';

/** The contents of the optional files, validated (defaults applied). */
export interface SideFiles {
  readonly imageLock: ImageLockFile;
  readonly migrationState: MigrationStateFile;
}

export const EMPTY_SIDE_FILES: SideFiles = {
  imageLock: { images: [] },
  migrationState: { adopted: [] },
};

/** Raw side-file contents (parsed YAML, or objects in tests); absent means empty. */
export interface SideInput {
  readonly imageLock?: unknown;
  readonly migrationState?: unknown;
}

type Locate = (path: readonly (string | number)[]) => { line: number; column: number } | undefined;

function validate<S extends z.ZodType>(
  file: string,
  schema: S,
  value: unknown,
  locate: Locate,
): { data?: z.output<S>; problems: PlanProblem[] } {
  // The structure pass only uses the key to label problems; they are re-labelled with `file` here.
  const r = structureProblems(file as PlanFileKey, schema, value);
  const problems = r.problems.map((p): PlanProblem => {
    const pos = locate(p.path);
    return {
      file,
      ...(pos ? { line: pos.line, column: pos.column } : {}),
      path: formatPath(p.path),
      message: p.message,
      ...(p.received !== undefined ? { received: renderValue(p.received) } : {}),
      ...(p.allowed !== undefined ? { allowed: p.allowed } : {}),
    };
  });
  return r.data !== undefined ? { data: r.data, problems } : { problems };
}

/** Validates side-file contents already parsed (no line numbers). */
export function checkSideInput(input: SideInput): { files: SideFiles; problems: PlanProblem[] } {
  const none: Locate = () => undefined;
  const lock =
    input.imageLock === undefined
      ? { data: EMPTY_SIDE_FILES.imageLock, problems: [] }
      : validate(IMAGE_LOCK_FILE, ImageLockFileSchema, input.imageLock, none);
  const state =
    input.migrationState === undefined
      ? { data: EMPTY_SIDE_FILES.migrationState, problems: [] }
      : validate(MIGRATION_STATE_FILE, MigrationStateFileSchema, input.migrationState, none);
  return {
    files: {
      imageLock: lock.data ?? EMPTY_SIDE_FILES.imageLock,
      migrationState: state.data ?? EMPTY_SIDE_FILES.migrationState,
    },
    problems: [...lock.problems, ...state.problems],
  };
}

/**
 * Reads one side file's bytes (undefined when absent) into parsed YAML, with located problems.
 * The caller (the loader) does the file-system access.
 */
export function readSideFile(
  file: typeof IMAGE_LOCK_FILE | typeof MIGRATION_STATE_FILE,
  bytes: Uint8Array,
): { value?: unknown; problems: PlanProblem[] } {
  const yaml = readYamlFile(file, bytes);
  if (yaml.value === undefined) return { problems: [...yaml.problems] };
  const schema = file === IMAGE_LOCK_FILE ? ImageLockFileSchema : MigrationStateFileSchema;
  const r = validate(file, schema, yaml.value, (p) => yaml.locate(p));
  return r.problems.length > 0 ? { problems: r.problems } : { value: yaml.value, problems: [] };
}

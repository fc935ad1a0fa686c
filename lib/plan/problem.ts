/** A problem before it is located in a file (what checks and the structure pass return). */
import type { PlanFileKey } from './files';

export interface RawProblem {
  /** Which plan file the path is in. */
  readonly file: PlanFileKey;
  /** Path inside that file, e.g. `['servers', 1, 'memoryGiB']`. */
  readonly path: readonly (string | number)[];
  /** What is wrong, lower-case, e.g. "must be a positive number". */
  readonly message: string;
  /** The value found (rendered by the formatter). */
  readonly received?: unknown;
  /** What is allowed, already human-readable. */
  readonly allowed?: string;
}

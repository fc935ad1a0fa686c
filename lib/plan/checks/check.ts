/** The shape of a meaning check. */
import type { ParsedFiles } from '../parsed-files';
import type { RawProblem } from '../problem';

/** A pure function from the structurally valid plan files to the problems it finds. */
export type PlanCheck = (files: ParsedFiles) => RawProblem[];

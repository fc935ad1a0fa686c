import { EXIT, UserError } from '../../shared/user-error';
import { formatProblem, type PlanProblem } from '../../plan/errors';

/** Everything wrong with the compliance register, in the plan loader's `file:line:column path: message` form. */
export class RegisterError extends UserError {
  readonly problems: readonly PlanProblem[];

  constructor(problems: readonly PlanProblem[], file: string) {
    super(
      [
        `Compliance register ${file} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`,
        ...problems.map((p) => `  ${formatProblem(p)}`),
      ].join('\n'),
      { exitCode: EXIT.badInput },
    );
    this.name = 'RegisterError';
    this.problems = problems;
  }

  lines(): string[] {
    return this.problems.map(formatProblem);
  }
}

import { UserError } from '../../shared/user-error';

/** A rule could not evaluate a resource; reported as an error finding, never as a pass. */
export class RuleEvaluationError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'RuleEvaluationError';
  }
}

import { UserError } from '../../shared/user-error';

/** An Athena query that failed, was cancelled, or answered with results we cannot trust. */
export class AthenaQueryError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'AthenaQueryError';
  }
}

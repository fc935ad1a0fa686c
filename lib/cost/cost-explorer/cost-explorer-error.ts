import { UserError } from '../../shared/user-error';
/** A Cost Explorer call that failed for good (after retries) or answered with data we cannot trust. */
export class CostExplorerError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'CostExplorerError';
  }
}

/** A Cost Explorer call that failed for good (after retries) or answered with data we cannot trust. */
export class CostExplorerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostExplorerError';
  }
}

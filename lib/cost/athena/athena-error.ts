/** An Athena query that failed, was cancelled, or answered with results we cannot trust. */
export class AthenaQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AthenaQueryError';
  }
}

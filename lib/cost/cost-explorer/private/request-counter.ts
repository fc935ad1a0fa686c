import { Money } from '../../../shared/money';

/** Cost Explorer API price per request, USD (each page is a request). */
export const PRICE_PER_REQUEST_USD = '0.01';

/** Counts paid Cost Explorer requests made on this run. */
export class RequestCounter {
  private count = 0;
  private readonly byOperation = new Map<string, number>();

  add(operation: string): void {
    this.count += 1;
    this.byOperation.set(operation, (this.byOperation.get(operation) ?? 0) + 1);
  }

  get total(): number {
    return this.count;
  }

  get costUsd(): string {
    return new Money(PRICE_PER_REQUEST_USD).times(this.count).toFixed(2);
  }

  operations(): Record<string, number> {
    return Object.fromEntries([...this.byOperation.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}

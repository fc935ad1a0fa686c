import { CostExplorerClient, type CostExplorerClientConfig } from '@aws-sdk/client-cost-explorer';

/** Standard retry attempts (first try included) for Cost Explorer calls. */
export const DEFAULT_MAX_ATTEMPTS = 5;

export interface CostExplorerClientProps {
  /**
   * Region to sign for. Cost Explorer has one endpoint, in us-east-1, whatever the estate region.
   * @default 'us-east-1'
   */
  readonly region?: string;
  /**
   * Endpoint URL, e.g. `http://127.0.0.1:4599` for a local endpoint; the CLI passes `--endpoint` or
   * `AWS_ENDPOINT_URL` here.
   * @default - the public Cost Explorer endpoint
   */
  readonly endpoint?: string;
  /**
   * Attempts per call, first try included, for the SDK's standard retry strategy (throttling
   * and 5xx are retried with backoff). After the last attempt the error surfaces.
   * @default 5
   */
  readonly maxAttempts?: number;
  /**
   * A retry strategy to use instead of the standard one (tests pass one with a small backoff).
   * @default - the SDK standard strategy with `maxAttempts`
   */
  readonly retryStrategy?: CostExplorerClientConfig['retryStrategy'];
  /**
   * Credentials. @default - the SDK's standard credential provider chain
   */
  readonly credentials?: CostExplorerClientConfig['credentials'];
}

/** Builds the real AWS SDK v3 Cost Explorer client with retries configured explicitly. */
export function createCostExplorerClient(props: CostExplorerClientProps = {}): CostExplorerClient {
  const maxAttempts = props.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`maxAttempts must be a whole number of at least 1; got ${maxAttempts}`);
  }
  return new CostExplorerClient({
    region: props.region ?? 'us-east-1',
    maxAttempts,
    retryMode: 'standard',
    ...(props.endpoint ? { endpoint: props.endpoint } : {}),
    ...(props.retryStrategy ? { retryStrategy: props.retryStrategy } : {}),
    ...(props.credentials ? { credentials: props.credentials } : {}),
  });
}

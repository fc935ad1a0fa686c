import { AthenaClient, type AthenaClientConfig } from '@aws-sdk/client-athena';

export interface AthenaClientProps {
  /** Region of the workgroup and the export bucket (the estate region). */
  readonly region: string;
  /** Endpoint URL, e.g. a local endpoint in tests. @default - the public Athena endpoint */
  readonly endpoint?: string;
  /** Attempts per call, first try included. @default 5 */
  readonly maxAttempts?: number;
  /** Credentials. @default - the SDK's standard credential provider chain */
  readonly credentials?: AthenaClientConfig['credentials'];
}

/** Builds the real AWS SDK v3 Athena client with standard retries. */
export function createAthenaClient(props: AthenaClientProps): AthenaClient {
  return new AthenaClient({
    region: props.region,
    maxAttempts: props.maxAttempts ?? 5,
    retryMode: 'standard',
    ...(props.endpoint ? { endpoint: props.endpoint } : {}),
    ...(props.credentials ? { credentials: props.credentials } : {}),
  });
}

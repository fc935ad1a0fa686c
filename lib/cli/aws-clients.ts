/**
 * The one place CLI commands make AWS SDK clients (`awsClient`): the region they are for, static
 * credentials from the environment when set (else the SDK's usual chain), retries for throttling,
 * and an endpoint from the SDK's service-specific variable (`AWS_ENDPOINT_URL_<SERVICE>`, e.g.
 * AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_SERVICE_QUOTAS), else AWS_ENDPOINT_URL, else AWS's
 * (AWS SDKs and Tools Reference Guide, "Service-specific endpoints"). Tests point them at local
 * endpoints on 127.0.0.1 this way.
 */
import type { CliIo } from './command';

/** Static credentials from io.env when set; otherwise the SDK's usual chain. */
export function credentialsFromEnv(
  io: Pick<CliIo, 'env'>,
):
  | { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } }
  | Record<string, never> {
  const accessKeyId = io.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = io.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return {};
  const sessionToken = io.env.AWS_SESSION_TOKEN;
  return { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/** Client configuration for one service in one region. `service` is the env suffix, e.g. `EC2`. */
export function awsClientConfig(
  io: Pick<CliIo, 'env'>,
  service: string,
  region: string,
  endpointOverride?: string,
): {
  region: string;
  maxAttempts: number;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
} {
  const endpoint = endpointOverride ?? io.env[`AWS_ENDPOINT_URL_${service}`] ?? io.env.AWS_ENDPOINT_URL;
  return { region, maxAttempts: 5, ...(endpoint ? { endpoint } : {}), ...credentialsFromEnv(io) };
}

/** What `awsClient` may change for one client. */
export interface AwsClientOptions {
  /** An endpoint given on the command line (`--endpoint`): it wins over the environment. */
  readonly endpoint?: string;
  /** @default 5 */
  readonly maxAttempts?: number;
  /** S3: path-style addressing when an endpoint is set (a local endpoint has no bucket subdomains). */
  readonly forcePathStyle?: boolean;
}

/** The configuration `awsClient` passes to an SDK client's constructor. */
export type AwsClientConfig = ReturnType<typeof awsClientConfig> & { forcePathStyle?: boolean };

/**
 * An AWS SDK client for one service in one region, configured as `awsClientConfig` says:
 * `awsClient(EC2Client, io, 'EC2', region)`.
 */
export function awsClient<C>(
  Client: new (config: AwsClientConfig) => C,
  io: Pick<CliIo, 'env'>,
  service: string,
  region: string,
  options: AwsClientOptions = {},
): C {
  const config = awsClientConfig(io, service, region, options.endpoint);
  return new Client({
    ...config,
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.forcePathStyle && config.endpoint ? { forcePathStyle: true } : {}),
  });
}

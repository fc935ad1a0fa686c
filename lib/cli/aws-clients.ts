/**
 * The one place CLI commands configure AWS SDK clients: the region they are for, static
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

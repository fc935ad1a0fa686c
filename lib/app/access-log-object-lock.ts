import { Stack } from 'aws-cdk-lib';
import { acknowledge } from '../compliance/acknowledge';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/** The Control Tower (cfn-guard) check that every bucket has Object Lock, as acknowledged. */
export const OBJECT_LOCK_RULE = 'cdk-validator-cfnguard::s3_bucket_object_lock_enabled_check';

/** The principal S3 server access logging writes as ("Enabling Amazon S3 server access logging"). */
const LOG_DELIVERY = 'logging.s3.amazonaws.com';

/** Why a server-access-log destination has no Object Lock: AWS's own constraint, cited. */
export const ACCESS_LOG_DESTINATION_REASON =
  'S3 server access log destination: AWS forbids Object Lock here (Amazon S3 User Guide, "Object Lock considerations": "S3 buckets with Object Lock can\'t be used as destination buckets for server access logs"). Versioned, TLS-only, public access blocked, written only by logging.s3.amazonaws.com (lib/app/access-log-object-lock.ts).';

function asArray(x: unknown): unknown[] {
  return Array.isArray(x) ? x : x === undefined ? [] : [x];
}

/** The bucket a CfnBucket's server access logs go to, as resolved in its stack (e.g. `{"Ref":"X"}`). */
function logDestinationOf(bucket: s3.CfnBucket): string | undefined {
  const config = Stack.of(bucket).resolve(bucket.loggingConfiguration) as
    { destinationBucketName?: unknown; DestinationBucketName?: unknown } | undefined;
  const name = config?.destinationBucketName ?? config?.DestinationBucketName;
  return name === undefined ? undefined : JSON.stringify(name);
}

/** Whether a bucket policy allows S3 log delivery (`logging.s3.amazonaws.com`) to `s3:PutObject`. */
function grantsLogDelivery(policy: s3.CfnBucketPolicy): boolean {
  const doc = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: unknown } | undefined;
  return asArray(doc?.Statement).some((raw) => {
    const s = raw as { Effect?: string; Principal?: { Service?: unknown }; Action?: unknown };
    return (
      s.Effect === 'Allow' &&
      asArray(s.Principal?.Service).includes(LOG_DELIVERY) &&
      asArray(s.Action).includes('s3:PutObject')
    );
  });
}

/**
 * Buckets under `scope` that S3 uses as server-access-log destinations, recognised from what the
 * template will say: another bucket of the same stack names it in its `LoggingConfiguration`, and
 * its bucket policy allows `logging.s3.amazonaws.com` to `s3:PutObject`. Both must hold.
 */
export function serverAccessLogDestinations(scope: IConstruct): s3.CfnBucket[] {
  const all = scope.node.findAll();
  const buckets = all.filter((c): c is s3.CfnBucket => c instanceof s3.CfnBucket);
  const policies = all.filter((c): c is s3.CfnBucketPolicy => c instanceof s3.CfnBucketPolicy);
  return buckets.filter((bucket) => {
    const stack = Stack.of(bucket);
    const ref = JSON.stringify(stack.resolve(bucket.ref));
    const logged = buckets.some(
      (other) => other !== bucket && Stack.of(other) === stack && logDestinationOf(other) === ref,
    );
    const delivered = policies.some(
      (p) => Stack.of(p) === stack && JSON.stringify(stack.resolve(p.bucket)) === ref && grantsLogDelivery(p),
    );
    return logged && delivered && !bucket.objectLockEnabled;
  });
}

/**
 * Product decision, made once, like lib/app/mgn-resource-types.ts: the Control Tower check
 * `s3_bucket_object_lock_enabled_check` cannot pass on a bucket S3 delivers server access logs
 * to, because AWS refuses Object Lock there (Amazon S3 User Guide, "Object Lock considerations":
 * "S3 buckets with Object Lock can't be used as destination buckets for server access logs").
 * The finding is acknowledged on exactly those buckets ({@link serverAccessLogDestinations}),
 * with the citation as its reason, so the audit lists it as answered, not dropped; every other
 * bucket without Object Lock still fails the check. Not a register entry: the reason is AWS's
 * constraint, not a risk decision.
 */
export function acknowledgeAccessLogDestinations(scope: IConstruct): void {
  for (const bucket of serverAccessLogDestinations(scope))
    acknowledge(bucket, { id: OBJECT_LOCK_RULE, reason: ACCESS_LOG_DESTINATION_REASON });
}

/**
 * The AWS-managed prefix list of Amazon S3 (`com.amazonaws.<region>.s3`) per region, so security
 * groups can allow HTTPS to S3 through the gateway endpoint without a deploy-time lookup. The ids
 * are the same in every account of a region; check with
 * `aws ec2 describe-managed-prefix-lists --filters Name=prefix-list-name,Values=com.amazonaws.<region>.s3`.
 * A region not listed here gets no S3 egress rule (servers then reach S3 only if a flow says so).
 */
export const S3_PREFIX_LISTS: Readonly<Record<string, string>> = {
  'eu-west-1': 'pl-6da54004',
  'eu-west-2': 'pl-7ca54015',
};

/** The S3 prefix list id of `region`, if known. */
export function s3PrefixListFor(region: string): string | undefined {
  return S3_PREFIX_LISTS[region];
}

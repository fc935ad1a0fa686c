import { acknowledge } from '../compliance/acknowledge';
import type { IConstruct } from 'constructs';
import { RecoveryPointCopy } from '../backup/recovery-point-copy';

/**
 * Product decision, made once, like lib/app/mgn-resource-types.ts: the backup account's second
 * copy hop (lib/backup/recovery-point-copy.ts) needs resource patterns AWS forces (recovery points
 * and the snapshots behind them get their ids at run time; Step Functions log delivery, X-Ray and
 * EC2 Describe calls have no resource-level permissions). The construct lists each such resource
 * with its reason; AwsSolutions-IAM5 is acknowledged for exactly those resources on exactly those
 * policies, so the audit shows them answered with the reason, and any other wildcard in the same
 * policies, or anywhere else, still fails.
 */
export function acknowledgeForcedWildcards(scope: IConstruct): void {
  for (const copy of scope.node.findAll().filter((c) => c instanceof RecoveryPointCopy))
    for (const w of copy.forcedWildcards)
      acknowledge(w.policy, {
        id: `AwsSolutions-IAM5[Resource::${w.resource}]`,
        reason: w.reason,
      });
}

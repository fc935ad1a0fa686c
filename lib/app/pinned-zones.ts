import type { App } from 'aws-cdk-lib';
import { acknowledge } from '../compliance/acknowledge';

/** The template-validation rule that flags availability zones written into a template. */
export const PINNED_ZONES_RULE = 'CloudFormation-Validate::W3010';

/**
 * Product decision, made once for every estate: availability zones are pinned on purpose. The
 * plan lists them (synth never looks them up: offline and deterministic) and placement puts each
 * server and subnet in one of them, so aws-cdk-lib's template validation warning W3010 ("avoid
 * hardcoding availability zones", about 1,900 at 1,000 servers) describes the design, not a risk.
 * It is acknowledged here, with this reason, so the audit lists it as suppressed and synths do
 * not print it; an estate's compliance register is for that estate's own risk decisions.
 */
export function acknowledgePinnedZones(app: App): void {
  acknowledge(app, {
    id: PINNED_ZONES_RULE,
    reason:
      'Availability zones are pinned by design: the plan names them (no lookups, deterministic offline synth) ' +
      'and placement assigns each subnet and server to one of them.',
  });
}

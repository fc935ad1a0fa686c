import type { IConstruct } from 'constructs';
import { acknowledge } from '../compliance/acknowledge';
import { MigratedServer } from '../compute/migrated-server';

/** The template-validation rule that flags an AMI id written into a template. */
export const PINNED_IMAGES_RULE = 'CloudFormation-Validate::W9010';

/** Why a migrated server's AMI id is in its template (the acknowledgement's reason). */
export const PINNED_IMAGES_REASON =
  'The AMI id is pinned by design: a base image\'s id from the plan\'s image-lock.yaml (never "latest": ' +
  "a new public image must not replace a server on the next deploy) or the server's own imported image. " +
  "The template validator resolves Mappings and parameter defaults against the stack's region, so the id " +
  'is flagged in whatever form the template holds it.';

/**
 * Product decision, made once for every estate, like lib/app/pinned-zones.ts: the instance of each
 * migrated server (lib/compute/migrated-server.ts) boots the image the estate model decided, by
 * id, so aws-cdk-lib's template validation warning W9010 ("Hardcoded AMI ID - use a parameter or
 * mapping for portability", 950 at 1,000 servers) describes the design. Moving the ids into a
 * `Mappings` section read with `Fn::FindInMap` on `AWS::Region` does not answer it: measured with
 * aws-cdk-lib 2.276, the validator resolves the mapping (and a parameter's default) against the
 * stack's region and still reports W9010; only an id it cannot resolve at synth (an SSM
 * parameter, i.e. "latest") passes. So it is acknowledged on exactly those instances, with this
 * reason: the audit lists each as suppressed, synths do not print them, and an AMI id written into
 * any other resource still warns.
 */
export function acknowledgePinnedImages(scope: IConstruct): void {
  for (const server of scope.node.findAll().filter((c) => c instanceof MigratedServer))
    acknowledge(server.instance, { id: PINNED_IMAGES_RULE, reason: PINNED_IMAGES_REASON });
}

/**
 * One exit-readiness rule: a pure function from a resource (and the exit plan's items, found by
 * the resource's `ServerId` / `DatabaseId` tag) to compliant / non-compliant / not applicable.
 * Every rule is a warning: an exit that is degraded or blocked is a risk to record, not a reason
 * to stop a deployment.
 */
import { TagManager, type CfnResource } from 'aws-cdk-lib';
import type { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { ExitItem } from '../exit-item';

export interface ExitRuleContext {
  /** Exit plan items by server or database id. */
  readonly items: ReadonlyMap<string, ExitItem>;
}

export interface ExitRule {
  /** Suffix of the rule id: the full id is `ExitReadiness-<id>`. */
  readonly id: string;
  readonly info: string;
  readonly explanation: string;
  readonly level: NagMessageLevel;
  evaluate(node: CfnResource, context: ExitRuleContext): NagRuleCompliance;
}

/** The exit item a resource belongs to, by its ServerId or DatabaseId tag. */
export function exitItemOf(node: CfnResource, context: ExitRuleContext): ExitItem | undefined {
  const tags = TagManager.of(node)?.tagValues();
  const id = tags?.ServerId ?? tags?.DatabaseId;
  return id === undefined ? undefined : context.items.get(id);
}

/**
 * One exit-readiness rule: a pure function from a resource (and the exit plan's items, found by
 * the resource's `ServerId` / `DatabaseId` tag) to compliant / non-compliant / not applicable.
 * Every rule is a warning: an exit that is degraded or blocked is a risk to record, not a reason
 * to stop a deployment.
 */
import { TagManager, type CfnResource } from 'aws-cdk-lib';
import type { Rule } from '../../shared/rule-pack';
import type { ExitItem } from '../exit-item';

export interface ExitRuleContext {
  /** Exit plan items by server or database id. */
  readonly items: ReadonlyMap<string, ExitItem>;
}

/** An exit-readiness rule: the estate's one rule shape (lib/shared/rule-pack.ts) over exit items. */
export type ExitRule = Rule<ExitRuleContext>;

/** The exit item a resource belongs to, by its ServerId or DatabaseId tag. */
export function exitItemOf(node: CfnResource, context: ExitRuleContext): ExitItem | undefined {
  const tags = TagManager.of(node)?.tagValues();
  const id = tags?.ServerId ?? tags?.DatabaseId;
  return id === undefined ? undefined : context.items.get(id);
}

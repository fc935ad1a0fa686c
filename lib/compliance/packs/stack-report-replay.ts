import { Stack, type PolicyViolation } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { isStoredViolation } from '../../shared/stored-violations';
import type { PackResultCache } from './pack-result-cache';

/**
 * A stock pack's report, stack by stack. cdk-nag walks the whole tree and groups what it finds by
 * rule name in the order it first meets each rule (`NagPack.addViolation`), and a stack's
 * resources are walked one after another. So the report of the tree is the reports of its
 * outermost stacks (each from `validateScope(stack)`, in the tree's order) merged by rule name,
 * and a stack whose report cannot have changed (PackResultRun.replayKey: the same template,
 * construct paths, acknowledgements and wording) is read back whole instead of walked again.
 */

/** The stacks `NagPack.walkTree(root)` reaches first, in its order (nested stacks stay inside their parent). */
export function outermostStacks(root: IConstruct): Stack[] {
  const stacks: Stack[] = [];
  const visit = (c: IConstruct): void => {
    if (Stack.isStack(c)) stacks.push(c);
    else for (const child of c.node.children) visit(child);
  };
  visit(root);
  return stacks;
}

/** Adds one stack's violations to `into` as cdk-nag would have met them: by rule name, resources in order. */
export function mergeByRuleName(into: PolicyViolation[], violations: readonly PolicyViolation[]): void {
  for (const v of violations) {
    const existing = into.find((m) => m.ruleName === v.ruleName);
    if (existing) existing.violatingResources.push(...v.violatingResources);
    else into.push({ ...v, violatingResources: [...v.violatingResources] });
  }
}

/** A stack's stored report, or undefined when missing or unreadable (a damaged entry is a miss). */
export function storedStackReport(cache: PackResultCache, key: string): PolicyViolation[] | undefined {
  const text = cache.get(key);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { violations?: unknown } | null;
    const violations = parsed?.violations;
    return Array.isArray(violations) && violations.every(isStoredViolation) ? violations : undefined;
  } catch {
    return undefined;
  }
}

/** Stores a stack's report as its pack returned it. */
export function storeStackReport(
  cache: PackResultCache,
  key: string,
  violations: readonly PolicyViolation[],
): void {
  cache.put(key, JSON.stringify({ violations }));
}

import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The reason a rule id was acknowledged on `construct` or one of its ancestors, read from the
 * acknowledged-rules metadata the register writes (the same lookup cdk-nag 3 performs), or
 * undefined when it was not acknowledged.
 */
export function acknowledgementReason(construct: IConstruct, ruleId: string): string | undefined {
  let current: IConstruct | undefined = construct;
  while (current) {
    for (const entry of current.node.metadata) {
      if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data) {
        for (const [key, reason] of Object.entries(entry.data as Record<string, unknown>)) {
          if (key.replace(/^annotation::/i, '') === ruleId) return String(reason);
        }
      }
    }
    current = current.node.scope;
  }
  return undefined;
}

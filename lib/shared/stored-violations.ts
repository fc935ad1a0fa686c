/**
 * Policy violations as the cached validators store them (JSON by key: template validation,
 * Control Tower controls, pack reports). An entry is read back only when it is a list of
 * violations; anything else (a file cut short by a stopped synth, another format) is treated as
 * missing, so the template is validated again and the entry written over, never a failed synth.
 */
import type { PolicyViolation } from 'aws-cdk-lib';

/** The violations stored as `text`, or undefined when there is none or it is not a list of violations. */
export function storedViolations(text: string | undefined): PolicyViolation[] | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every(isStoredViolation) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `v` has the fields every reader of a violation uses. */
export function isStoredViolation(v: unknown): v is PolicyViolation {
  if (typeof v !== 'object' || v === null) return false;
  const { ruleName, description, violatingResources } = v as Record<string, unknown>;
  return (
    typeof ruleName === 'string' &&
    typeof description === 'string' &&
    Array.isArray(violatingResources) &&
    violatingResources.every((r) => typeof r === 'object' && r !== null)
  );
}

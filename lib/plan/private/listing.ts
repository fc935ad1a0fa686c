/** Helpers for spelling out allowed values in meaning problems. */
import { closest } from './suggest';

/** Up to `max` values joined, with a count of the rest. */
export function listAllowed(values: readonly string[], max = 12): string {
  if (values.length === 0) return 'none defined';
  if (values.length <= max) return values.join(', ');
  return `${values.slice(0, max).join(', ')}, ... (${values.length - max} more)`;
}

/** "unknown X" plus a did-you-mean when a known value is close. */
export function unknownMessage(what: string, value: string, known: readonly string[]): string {
  const s = closest(value, known);
  return `unknown ${what}${s ? `; did you mean "${s}"?` : ''}`;
}

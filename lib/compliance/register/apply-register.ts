import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { PlanProblem } from '../../plan/errors';
import type { ComplianceRegister, RegisterSuppression } from './register';
import { RegisterError } from './register-error';
import { compileScope } from './scope-pattern';

/** Which constructs each suppression was acknowledged on. */
export interface AppliedSuppression {
  readonly entry: RegisterSuppression;
  readonly constructPaths: readonly string[];
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Entries whose review date has passed (`reviewBy` before `today`), as problems. */
export function expiredEntries(register: ComplianceRegister, now: Date): PlanProblem[] {
  const today = isoDay(now);
  const problems: PlanProblem[] = [];
  register.suppressions.forEach((s, i) => {
    if (s.reviewBy < today) {
      problems.push({
        file: s.location.file,
        line: s.location.line,
        column: s.location.column,
        path: `suppressions[${i}].reviewBy`,
        message: `suppression of ${s.rule} on "${s.scope}" expired on ${s.reviewBy}; ${s.acceptedBy} must review it and set a new date, or fix the finding`,
        received: JSON.stringify(s.reviewBy),
        allowed: `${today} or later`,
      });
    }
  });
  register.disabledControls.forEach((c, i) => {
    if (c.reviewBy < today) {
      problems.push({
        file: c.location.file,
        line: c.location.line,
        column: c.location.column,
        path: `disabledControls[${i}].reviewBy`,
        message: `disabling of ${c.control} expired on ${c.reviewBy}; review it and set a new date, or enable the control`,
        received: JSON.stringify(c.reviewBy),
        allowed: `${today} or later`,
      });
    }
  });
  return problems;
}

/**
 * Applies the register's suppressions to the app as cdk-nag 3 acknowledgements. This is the only
 * place that acknowledges an estate's findings (the one product-level decision, pinned
 * availability zones, is acknowledged in lib/app/pinned-zones.ts). Every problem (an expired entry against
 * `now`, an entry whose scope matches no construct) is collected and thrown as one RegisterError.
 * Call it after every stack has been built.
 */
export function applyRegister(
  root: IConstruct,
  register: ComplianceRegister,
  now: Date,
): AppliedSuppression[] {
  const problems = expiredEntries(register, now);
  const all = root.node.findAll();
  const applied: AppliedSuppression[] = [];
  register.suppressions.forEach((entry, i) => {
    const re = compileScope(entry.scope);
    const matched = all.filter((c) => c.node.path !== '' && re.test(`/${c.node.path}`));
    if (matched.length === 0) {
      problems.push({
        file: entry.location.file,
        line: entry.location.line,
        column: entry.location.column,
        path: `suppressions[${i}].scope`,
        message: `suppression of ${entry.rule} matches no construct in the app; correct the pattern or remove the entry`,
        received: JSON.stringify(entry.scope),
      });
      return;
    }
    // Acknowledge only the outermost matches: an acknowledgement covers everything below it.
    const paths = new Set(matched.map((c) => c.node.path));
    const outermost = matched.filter((c) => {
      for (let p = c.node.scope; p; p = p.node.scope) if (paths.has(p.node.path)) return false;
      return true;
    });
    for (const c of outermost)
      Validations.of(c).acknowledge({
        id: entry.rule,
        reason: `${entry.reason} (accepted by ${entry.acceptedBy}, review by ${entry.reviewBy})`,
      });
    applied.push({ entry, constructPaths: outermost.map((c) => c.node.path) });
  });
  if (problems.length > 0) throw new RegisterError(problems, register.file);
  return applied;
}

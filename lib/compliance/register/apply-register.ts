import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { acknowledge } from '../acknowledge';
import type { ComplianceRegister, RegisterSuppression } from './register';
import { RegisterError } from './register-error';
import { expiredEntries } from './review-dates';
import { scopeMatcher } from './scope-pattern';
import { classificationsUnder } from './data-classification';

/** Which constructs each suppression was acknowledged on. */
export interface AppliedSuppression {
  readonly entry: RegisterSuppression;
  readonly constructPaths: readonly string[];
}

export interface ApplyRegisterOptions {
  /** Reason for synthesizing with expired entries (context `estate:break-glass`). @default - expired entries fail */
  readonly breakGlass?: string;
  /** Entries that match nothing are skipped instead of failing. @default false */
  readonly unmatchedAllowed?: boolean;
}

/**
 * Applies the register's suppressions to the app as cdk-nag 3 acknowledgements. This is the only
 * place that acknowledges an estate's findings (the one product-level decision, pinned
 * availability zones, is acknowledged in lib/app/pinned-zones.ts). Every problem (an expired entry against
 * `now`, an entry whose scope matches no construct) is collected and thrown as one RegisterError.
 * Call it after every stack has been built.
 *
 * With `options.breakGlass` (a written reason), expired entries still apply and do not fail;
 * the audit shows the reason and still fails on them. `options.unmatchedAllowed` is for the
 * product register, whose entries cover parts an estate may not have.
 */
export function applyRegister(
  root: IConstruct,
  register: ComplianceRegister,
  now: Date,
  options: ApplyRegisterOptions = {},
): AppliedSuppression[] {
  const problems = options.breakGlass ? [] : expiredEntries(register, now);
  // Each construct's path once (constructs computes node.path afresh on every read), the root's
  // (empty path) left out; each distinct scope matched once however many entries share it.
  const all = root.node
    .findAll()
    .map((construct) => ({ construct, id: construct.node.id, path: construct.node.path }))
    .filter((c) => c.path !== '');
  const matchesOf = new Map<string, IConstruct[]>();
  const matching = (scope: string): IConstruct[] => {
    let found = matchesOf.get(scope);
    if (!found) {
      const matcher = scopeMatcher(scope);
      found = all.filter((c) => matcher.matches(c.id, c.path)).map((c) => c.construct);
      matchesOf.set(scope, found);
    }
    return found;
  };
  const applied: AppliedSuppression[] = [];
  register.suppressions.forEach((entry, i) => {
    const matched = matching(entry.scope);
    if (matched.length === 0) {
      if (options.unmatchedAllowed) return;
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
    const inScope = new Set<IConstruct>(matched);
    const outermost = matched.filter((c) => {
      for (let p = c.node.scope; p; p = p.node.scope) if (inScope.has(p)) return false;
      return true;
    });
    if (register.kind !== 'product' && entry.approverRole === undefined) {
      const sensitive = outermost.find((c) => classificationsUnder(c).has('OFFICIAL-SENSITIVE'));
      if (sensitive)
        problems.push({
          file: entry.location.file,
          line: entry.location.line,
          column: entry.location.column,
          path: `suppressions[${i}].approverRole`,
          message: `suppression of ${entry.rule} covers OFFICIAL-SENSITIVE data (${sensitive.node.path}); record who approved it: approverRole SIRO (senior information risk owner) or IAO (information asset owner)`,
          allowed: 'SIRO, IAO',
        });
    }
    for (const c of outermost)
      acknowledge(c, {
        id: ruleIdFor(entry.rule, c),
        reason: `${entry.reason} (accepted by ${entry.acceptedBy}${
          entry.approverRole ? `, approved by the ${entry.approverRole}` : ''
        }${register.kind === 'product' ? ', product register' : ''}, review by ${entry.reviewBy})`,
      });
    applied.push({ entry, constructPaths: outermost.map((c) => c.node.path) });
  });
  if (problems.length > 0) throw new RegisterError(problems, register.file);
  return applied;
}

/**
 * A rule id as the report prints it for this construct: `{region}` stands for the region of the
 * construct's stack, so one entry covers a finding whose ARN names the plan's region (an estate in
 * any allowed region) instead of one entry per region.
 */
export function ruleIdFor(rule: string, construct: IConstruct): string {
  if (!rule.includes('{region}')) return rule;
  return rule.split('{region}').join(Stack.of(construct).region);
}

import { NagMessageLevel, NagRuleCompliance, type IApplyRule } from 'cdk-nag';
import type { NcscPrinciple } from '../ncsc-principles';
import { acknowledgementReason } from './acknowledgement';
import { answering } from './answering-rule';
import type { ComplianceLedger } from './compliance-ledger';
import type { FindingLevel } from './finding';

export function levelOf(level: NagMessageLevel): FindingLevel {
  if (level === NagMessageLevel.ERROR) return 'error';
  if (level === NagMessageLevel.WARN) return 'warning';
  return 'info';
}

/**
 * Rule ids by pack, then by suffix: one string per rule, so the lookups keyed by it (NCSC
 * principles, tallies) hash it once rather than a new string for every application.
 */
const RULE_IDS = new Map<string, Map<string, string>>();

function ruleIdOf(pack: string, suffix: string): string {
  let bySuffix = RULE_IDS.get(pack);
  if (!bySuffix) RULE_IDS.set(pack, (bySuffix = new Map()));
  let id = bySuffix.get(suffix);
  if (id === undefined) bySuffix.set(suffix, (id = `${pack}-${suffix}`));
  return id;
}

/** What every ledger row of one rule application holds besides its rule id, status and reason. */
function rowBase(
  pack: string,
  node: IApplyRule['node'],
  level: FindingLevel,
  info: string,
  ncsc: readonly NcscPrinciple[],
) {
  return { pack, constructPath: node.node.path, resourceType: node.cfnResourceType, level, info, ncsc };
}

/**
 * Evaluates a cdk-nag rule application once, writes its outcome on the resource to the ledger, and
 * hands it back to cdk-nag answered (same rule id, same result, the same error thrown again):
 * cdk-nag's `applyRule` calls the rule exactly once, straight after it is given (cdk-nag 3's
 * `NagPack.applyRule`, and the project's packs built on it), so evaluating it here is the same
 * evaluation, recorded without wrapping the rule in a new function for every application.
 * `params` is changed in place (the pack builds a new one for each call). A not-applicable
 * outcome, most of them, is only counted.
 */
export function recordedRule(
  ledger: ComplianceLedger,
  pack: string,
  params: IApplyRule,
  ncsc: (ruleId: string) => readonly NcscPrinciple[],
): IApplyRule {
  const suffix = params.ruleSuffixOverride ?? params.rule.name;
  const ruleId = ruleIdOf(pack, suffix);
  const level = levelOf(params.level);
  const principles = ncsc(ruleId);
  const node = params.node;
  params.ruleSuffixOverride = suffix;
  let result;
  try {
    result = params.rule(node);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ledger.tally(pack, ruleId, params.info, level, principles, false);
    const ack = acknowledgementReason(node, ruleId);
    ledger.record({
      ...rowBase(pack, node, level, params.info, principles),
      ruleId,
      status: ack === undefined ? 'error' : 'suppressed',
      reason: ack ?? `Rule could not evaluate: ${message}`,
    });
    params.rule = () => {
      throw e; // the same error, as the rule threw it
    };
    return params;
  }
  ledger.tally(pack, ruleId, params.info, level, principles, result === NagRuleCompliance.NOT_APPLICABLE);
  if (result === NagRuleCompliance.COMPLIANT)
    ledger.record({ ...rowBase(pack, node, level, params.info, principles), ruleId, status: 'pass' });
  else if (result === NagRuleCompliance.NON_COMPLIANT) {
    const ack = acknowledgementReason(node, ruleId);
    ledger.record({
      ...rowBase(pack, node, level, params.info, principles),
      ruleId,
      status: ack === undefined ? 'fail' : 'suppressed',
      reason: ack,
    });
  } else if (Array.isArray(result)) {
    if (result.length === 0)
      ledger.record({ ...rowBase(pack, node, level, params.info, principles), ruleId, status: 'pass' });
    for (const finding of result) {
      const id = `${ruleId}[${finding}]`;
      const ack = acknowledgementReason(node, id);
      ledger.record({
        ...rowBase(pack, node, level, params.info, principles),
        ruleId: id,
        status: ack === undefined ? 'fail' : 'suppressed',
        reason: ack,
      });
    }
  }
  params.rule = answering(Array.isArray(result) ? [...(result as string[])] : (result as string));
  return params;
}

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
 * Evaluates a cdk-nag rule application once, writes its outcome on the resource to the ledger, and
 * hands it back to cdk-nag answered (same rule id, same result, the same error thrown again):
 * cdk-nag's `applyRule` calls the rule exactly once, straight after it is given (cdk-nag 3's
 * `NagPack.applyRule`, and the project's packs built on it), so evaluating it here is the same
 * evaluation, recorded without wrapping the rule in a new function for every application.
 * `params` is changed in place (the pack builds a new one for each call).
 */
export function recordedRule(
  ledger: ComplianceLedger,
  pack: string,
  params: IApplyRule,
  ncsc: (ruleId: string) => readonly NcscPrinciple[],
): IApplyRule {
  const suffix = params.ruleSuffixOverride ?? params.rule.name;
  const ruleId = `${pack}-${suffix}`;
  const level = levelOf(params.level);
  const principles = ncsc(ruleId);
  const node = params.node;
  const base = {
    pack,
    constructPath: node.node.path,
    resourceType: node.cfnResourceType,
    level,
    info: params.info,
    ncsc: principles,
  };
  const tally = { pack, ruleId, info: params.info, level, ncsc: principles };
  params.ruleSuffixOverride = suffix;
  let result;
  try {
    result = params.rule(node);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    ledger.tally(tally, false);
    const ack = acknowledgementReason(node, ruleId);
    ledger.record({
      ...base,
      ruleId,
      status: ack === undefined ? 'error' : 'suppressed',
      reason: ack ?? `Rule could not evaluate: ${message}`,
    });
    params.rule = () => {
      throw e; // the same error, as the rule threw it
    };
    return params;
  }
  ledger.tally(tally, result === NagRuleCompliance.NOT_APPLICABLE);
  if (result === NagRuleCompliance.COMPLIANT) ledger.record({ ...base, ruleId, status: 'pass' });
  else if (result === NagRuleCompliance.NON_COMPLIANT) {
    const ack = acknowledgementReason(node, ruleId);
    ledger.record({ ...base, ruleId, status: ack === undefined ? 'fail' : 'suppressed', reason: ack });
  } else if (Array.isArray(result)) {
    if (result.length === 0) ledger.record({ ...base, ruleId, status: 'pass' });
    for (const finding of result) {
      const id = `${ruleId}[${finding}]`;
      const ack = acknowledgementReason(node, id);
      ledger.record({ ...base, ruleId: id, status: ack === undefined ? 'fail' : 'suppressed', reason: ack });
    }
  }
  params.rule = answering(Array.isArray(result) ? [...(result as string[])] : (result as string));
  return params;
}

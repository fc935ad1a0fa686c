import { NagMessageLevel, NagRuleCompliance, type IApplyRule } from 'cdk-nag';
import type { NcscPrinciple } from '../ncsc-principles';
import { acknowledgementReason } from './acknowledgement';
import type { ComplianceLedger } from './compliance-ledger';
import type { FindingLevel } from './finding';

export function levelOf(level: NagMessageLevel): FindingLevel {
  if (level === NagMessageLevel.ERROR) return 'error';
  if (level === NagMessageLevel.WARN) return 'warning';
  return 'info';
}

/**
 * Wraps a cdk-nag rule so that its outcome on each resource is written to the ledger, then hands
 * it back to cdk-nag unchanged (same rule id, same result, same exceptions).
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
  const path = params.node.node.path;
  const resourceType = params.node.cfnResourceType;
  const base = { pack, constructPath: path, resourceType, level, info: params.info, ncsc: principles };
  const inner = params.rule;
  const rule = (node: Parameters<IApplyRule['rule']>[0]) => {
    let result;
    try {
      result = inner(node);
    } catch (e) {
      ledger.tally({ pack, ruleId, info: params.info, level, ncsc: principles }, false);
      const ack = acknowledgementReason(node, ruleId);
      ledger.record({
        ...base,
        ruleId,
        status: ack === undefined ? 'error' : 'suppressed',
        reason: ack ?? `Rule could not evaluate: ${e instanceof Error ? e.message : String(e)}`,
      });
      throw e;
    }
    ledger.tally(
      { pack, ruleId, info: params.info, level, ncsc: principles },
      result === NagRuleCompliance.NOT_APPLICABLE,
    );
    if (result === NagRuleCompliance.COMPLIANT) ledger.record({ ...base, ruleId, status: 'pass' });
    else if (result === NagRuleCompliance.NON_COMPLIANT) {
      const ack = acknowledgementReason(node, ruleId);
      ledger.record({ ...base, ruleId, status: ack === undefined ? 'fail' : 'suppressed', reason: ack });
    } else if (Array.isArray(result)) {
      if (result.length === 0) ledger.record({ ...base, ruleId, status: 'pass' });
      for (const finding of result) {
        const id = `${ruleId}[${finding}]`;
        const ack = acknowledgementReason(node, id);
        ledger.record({
          ...base,
          ruleId: id,
          status: ack === undefined ? 'fail' : 'suppressed',
          reason: ack,
        });
      }
    }
    return result;
  };
  return { ...params, ruleSuffixOverride: suffix, rule };
}

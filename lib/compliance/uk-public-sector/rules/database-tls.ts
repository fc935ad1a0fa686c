import { CfnResource } from 'aws-cdk-lib';
import {
  CfnDBCluster,
  CfnDBClusterParameterGroup,
  CfnDBInstance,
  CfnDBParameterGroup,
  CfnOptionGroup,
} from 'aws-cdk-lib/aws-rds';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { field, literalString, referencedConstruct, resolved } from '../private/resolve';
import { RuleEvaluationError, type UkRule } from '../rule';

/** The parameter that forces TLS for each engine family, and the values that turn it on. */
const TLS_PARAMETER: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(aurora-)?postgres(ql)?$/, 'rds.force_ssl'],
  [/^sqlserver-/, 'rds.force_ssl'],
  [/^(aurora-)?mysql$|^aurora$|^mariadb$/, 'require_secure_transport'],
];
const ON = ['1', 'on', 'true'];

function cfn(c: IConstruct | undefined): IConstruct | undefined {
  if (!c) return undefined;
  return CfnResource.isCfnResource(c) ? c : (c.node.defaultChild ?? c);
}

/** The construct a group name points at; throws for a literal name this app does not define. */
function groupConstruct(node: CfnResource, value: unknown, what: string): IConstruct | undefined {
  if (value === undefined) return undefined;
  const target = cfn(referencedConstruct(value));
  if (target) return target;
  const name = literalString(node, value, what);
  throw new RuleEvaluationError(
    `${what} of ${node.node.path} is "${name}", a group this app does not define; its settings cannot be checked`,
  );
}

function parameterOn(node: CfnResource, parameters: unknown, name: string): boolean {
  const map = (resolved(node, parameters) ?? {}) as Record<string, unknown>;
  const value = map[name];
  if (value === undefined) return false;
  return ON.includes(String(literalString(node, value, `parameter ${name}`)).toLowerCase());
}

function oracleSsl(node: CfnDBInstance): NagRuleCompliance {
  const group = groupConstruct(node, node.optionGroupName, 'OptionGroupName');
  if (!(group instanceof CfnOptionGroup)) return NagRuleCompliance.NON_COMPLIANT;
  const options = (resolved(group, group.optionConfigurations) ?? []) as unknown[];
  return options.some((o) => field(o, 'OptionName') === 'SSL')
    ? NagRuleCompliance.COMPLIANT
    : NagRuleCompliance.NON_COMPLIANT;
}

/**
 * Databases refuse unencrypted connections: the engine's TLS parameter is on in the instance's
 * (or cluster's) parameter group, or, for Oracle, the option group carries the SSL option.
 */
export const databaseTls: UkRule = {
  id: 'DatabaseTls',
  info: 'The database does not enforce TLS for client connections (engine TLS parameter or Oracle SSL option missing).',
  explanation:
    'Council data must be encrypted in transit between applications and databases (NCSC principle 1). Each engine has its own switch: rds.force_ssl (PostgreSQL, SQL Server), require_secure_transport (MySQL, MariaDB) or the SSL option (Oracle); the default parameter group leaves it off.',
  level: NagMessageLevel.ERROR,
  ncsc: [1],
  evaluate(node: CfnResource): NagRuleCompliance {
    if (node instanceof CfnDBInstance) {
      if (node.dbClusterIdentifier !== undefined) return NagRuleCompliance.NOT_APPLICABLE; // the cluster's group governs
      const engine = literalString(node, node.engine, 'Engine')?.toLowerCase();
      if (!engine) throw new RuleEvaluationError(`${node.node.path} names no Engine`);
      if (engine.startsWith('oracle')) return oracleSsl(node);
      const parameter = TLS_PARAMETER.find(([re]) => re.test(engine))?.[1];
      if (!parameter)
        throw new RuleEvaluationError(`engine "${engine}" of ${node.node.path} has no known TLS setting`);
      const group = groupConstruct(node, node.dbParameterGroupName, 'DBParameterGroupName');
      if (!(group instanceof CfnDBParameterGroup)) return NagRuleCompliance.NON_COMPLIANT;
      return parameterOn(group, group.parameters, parameter)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    if (node instanceof CfnDBCluster) {
      const engine = literalString(node, node.engine, 'Engine')?.toLowerCase() ?? '';
      const parameter = TLS_PARAMETER.find(([re]) => re.test(engine))?.[1];
      if (!parameter)
        throw new RuleEvaluationError(`engine "${engine}" of ${node.node.path} has no known TLS setting`);
      const group = groupConstruct(node, node.dbClusterParameterGroupName, 'DBClusterParameterGroupName');
      if (!(group instanceof CfnDBClusterParameterGroup)) return NagRuleCompliance.NON_COMPLIANT;
      return parameterOn(group, group.parameters, parameter)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};

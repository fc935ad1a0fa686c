import { CfnResource } from 'aws-cdk-lib';
import { CfnSecurityGroup, CfnSecurityGroupIngress } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { field, literalString, referencedConstruct, resolved } from '../private/resolve';
import type { UkRule, UkRuleContext } from '../rule';

const OPEN = ['0.0.0.0/0', '::/0'];

function opensToInternet(node: CfnResource, rule: unknown): boolean {
  const v4 = literalString(node, field(rule, 'CidrIp'), 'SecurityGroupIngress.CidrIp');
  const v6 = literalString(node, field(rule, 'CidrIpv6'), 'SecurityGroupIngress.CidrIpv6');
  return OPEN.includes(v4 ?? '') || OPEN.includes(v6 ?? '');
}

function groupOf(value: unknown): IConstruct | undefined {
  const target = referencedConstruct(value);
  if (!target) return undefined;
  return CfnResource.isCfnResource(target) ? target : (target.node.defaultChild ?? target);
}

/** Internet ingress (0.0.0.0/0 or ::/0) only on security groups of declared load balancers. */
export const internetIngress: UkRule = {
  id: 'InternetIngress',
  info: 'The security group admits traffic from the internet but does not belong to a declared load balancer.',
  explanation:
    'The only way in from the internet is a declared load balancer (where TLS termination, WAF and logging are applied); instances and databases admit only the council ranges and other security groups (NCSC principle 11).',
  level: NagMessageLevel.ERROR,
  ncsc: [11],
  evaluate(node: CfnResource, { index }: UkRuleContext): NagRuleCompliance {
    if (node instanceof CfnSecurityGroup) {
      const rules = (resolved(node, node.securityGroupIngress) ?? []) as unknown[];
      if (!rules.some((r) => opensToInternet(node, r))) return NagRuleCompliance.COMPLIANT;
      return index.loadBalancerSecurityGroups.has(node)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    if (node instanceof CfnSecurityGroupIngress) {
      if (!opensToInternet(node, { CidrIp: node.cidrIp, CidrIpv6: node.cidrIpv6 }))
        return NagRuleCompliance.COMPLIANT;
      const group = groupOf(node.groupId);
      return group && index.loadBalancerSecurityGroups.has(group)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};

import type { CfnResource } from 'aws-cdk-lib';
import { CfnEIP, CfnInstance, CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { cfnOf, field, listField, literalBoolean, referencedConstruct, resolved } from '../private/resolve';
import type { UkRule, UkRuleContext } from '../rule';

function anyPublicInterface(node: CfnResource, interfaces: unknown[]): boolean {
  return interfaces.some(
    (n) => literalBoolean(node, field(n, 'AssociatePublicIpAddress'), 'AssociatePublicIpAddress') === true,
  );
}

/** No instance gets a public IP, no Elastic IP is attached to an instance, no database is public. */
export const noPublicAccess: UkRule = {
  id: 'NoPublicAccess',
  info: 'The instance or database is reachable on a public IP address.',
  explanation:
    'Migrated servers and databases are reached from the council network or through declared load balancers only; a public IP bypasses those controls (NCSC principle 11, external interface protection).',
  level: NagMessageLevel.ERROR,
  ncsc: [11],
  evaluate(node: CfnResource, { index }: UkRuleContext): NagRuleCompliance {
    if (node instanceof CfnDBInstance) {
      return literalBoolean(node, node.publiclyAccessible, 'PubliclyAccessible') === true
        ? NagRuleCompliance.NON_COMPLIANT
        : NagRuleCompliance.COMPLIANT;
    }
    if (node instanceof CfnInstance) {
      if (anyPublicInterface(node, (resolved(node, node.networkInterfaces) ?? []) as unknown[])) {
        return NagRuleCompliance.NON_COMPLIANT;
      }
      // The subnet is given directly or on the primary network interface.
      const interfaces = Array.isArray(node.networkInterfaces) ? (node.networkInterfaces as unknown[]) : [];
      const subnets = [node.subnetId, ...interfaces.map((n) => field(n, 'SubnetId'))].map((s) =>
        cfnOf(referencedConstruct(s)),
      );
      if (subnets.some((s) => s !== undefined && index.publicSubnets.has(s)))
        return NagRuleCompliance.NON_COMPLIANT;
      return NagRuleCompliance.COMPLIANT;
    }
    if (node instanceof CfnLaunchTemplate) {
      return anyPublicInterface(node, listField(resolved(node, node.launchTemplateData), 'NetworkInterfaces'))
        ? NagRuleCompliance.NON_COMPLIANT
        : NagRuleCompliance.COMPLIANT;
    }
    if (node instanceof CfnEIP) {
      // An Elastic IP for a NAT gateway is expected; one bound to an instance is not.
      return node.instanceId !== undefined
        ? NagRuleCompliance.NON_COMPLIANT
        : NagRuleCompliance.NOT_APPLICABLE;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};

import { Token, type CfnResource } from 'aws-cdk-lib';
import { CfnInstance, CfnSubnet } from 'aws-cdk-lib/aws-ec2';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { cfnOf, field, referencedConstruct, resolved } from '../private/resolve';
import { RuleEvaluationError, type UkRule } from '../rule';

/** The subnet value an instance is placed with: its own SubnetId, or its primary interface's. */
function placementSubnet(node: CfnInstance): unknown {
  if (node.subnetId !== undefined) return node.subnetId;
  const interfaces: unknown = node.networkInterfaces;
  const list = Array.isArray(interfaces) ? interfaces : (resolved(node, interfaces) as unknown[] | undefined);
  if (!Array.isArray(list)) return undefined;
  const primary = list.find((ni) => String(resolved(node, field(ni, 'DeviceIndex'))) === '0');
  return primary === undefined ? undefined : field(primary, 'SubnetId');
}

/**
 * Every EC2 instance is placed in a VPC subnet, either through its SubnetId or through its
 * primary network interface (NetworkInterfaces with DeviceIndex 0), which is how the landing zone
 * places instances. Replaces NIST.800.53.R5-EC2InstancesInVPC, which reads only SubnetId.
 */
export const instanceInVpc: UkRule = {
  id: 'InstanceInVpc',
  info: 'The EC2 instance is not placed in a VPC subnet (neither SubnetId nor a primary network interface with a subnet).',
  explanation:
    'Instances must run inside the estate VPC, behind its security groups, flow logs and endpoints (NCSC principles 11 and 13). An instance without a subnet lands in the default VPC.',
  level: NagMessageLevel.ERROR,
  ncsc: [11, 13],
  evaluate(node: CfnResource): NagRuleCompliance {
    if (!(node instanceof CfnInstance)) return NagRuleCompliance.NOT_APPLICABLE;
    const subnet = placementSubnet(node);
    if (subnet === undefined || subnet === null) return NagRuleCompliance.NON_COMPLIANT;
    if (cfnOf(referencedConstruct(subnet)) instanceof CfnSubnet) return NagRuleCompliance.COMPLIANT;
    if (typeof subnet === 'string' && !Token.isUnresolved(subnet))
      return /^subnet-[0-9a-f]+$/.test(subnet)
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    throw new RuleEvaluationError(
      `the subnet of ${node.node.path} is ${JSON.stringify(resolved(node, subnet))}, which is not a subnet of this app`,
    );
  },
};

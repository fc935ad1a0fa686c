import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { Plan, PlanServer } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';
import { constructIdFor, safeDescription } from '../shared/naming';
import { inboundRulesFor } from './flow-rules';
import { outboundRulesFor } from './outbound-rules';

/** Properties of {@link ApplicationSecurityGroups}. */
export interface ApplicationSecurityGroupsProps {
  readonly plan: Plan;
  readonly vpc: ec2.IVpc;
  /**
   * The interface endpoints' security group: every application may reach it on HTTPS.
   * @default - no egress to the endpoints
   */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /**
   * The region's S3 managed prefix list: every application may reach S3 on HTTPS.
   * @default - no egress to S3
   */
  readonly s3PrefixListId?: string;
  /**
   * Ids of the applications that get a group here (those of one workload account); only their
   * servers' flows make rules. @default - every application of the plan
   */
  readonly applications?: readonly string[];
  /** CIDR of `vpc` (flows from a CIDR inside it are VPC-wide). @default `plan.network.vpcCidr` */
  readonly vpcCidr?: string;
}

/**
 * One security group per application, holding every migrated server of that application, whatever
 * wave or stack the server lives in. Inbound rules come from the plan's declared flows: from another
 * application (its group), from a named on-premises range or from a CIDR. Nothing is open to
 * 0.0.0.0/0. Outbound rules follow the plan too (see `outboundRulesFor`): the applications that
 * admit this one, the service endpoints and S3 on HTTPS, declared on-premises and CIDR flows, and
 * the internet (through NAT) only on the ports an outbound flow names. Database groups add the
 * egress to their own port (lib/database). All groups live in one stack so that application-to-application rules never cross a
 * stack boundary; wave stacks only import the group id of their application (one export each).
 * Databases get their own group per database (see lib/database), admitting this group.
 */
export class ApplicationSecurityGroups extends Construct {
  private readonly groups = new Map<string, ec2.SecurityGroup>();

  constructor(scope: Construct, id: string, props: ApplicationSecurityGroupsProps) {
    super(scope, id);
    const here = props.applications ? new Set(props.applications) : undefined;
    const applications = props.plan.applications.filter((a) => here?.has(a.id) ?? true);
    for (const app of applications) {
      this.groups.set(
        app.id,
        new ec2.SecurityGroup(this, constructIdFor(app.id), {
          vpc: props.vpc,
          description: safeDescription(`Servers of ${app.id} (${app.name})`),
          allowAllOutbound: false,
        }),
      );
    }
    const servers: PlanServer[] = props.plan.servers.filter(
      (s) => getsLandingZone(s) && (here?.has(s.application) ?? true),
    );
    for (const app of applications) {
      const group = this.groupFor(app.id);
      for (const rule of inboundRulesFor(props.plan, app.id, servers)) {
        const port = portOf(rule);
        const peer =
          rule.peer.kind === 'application'
            ? this.groupFor(rule.peer.application)
            : ec2.Peer.ipv4(rule.peer.cidr);
        group.addIngressRule(peer, port, safeDescription(rule.description));
      }
      for (const rule of outboundRulesFor(props.plan, app.id, servers, props.vpcCidr)) {
        const peer =
          rule.peer.kind === 'application'
            ? this.groupFor(rule.peer.application)
            : rule.peer.kind === 'cidr'
              ? ec2.Peer.ipv4(rule.peer.cidr)
              : ec2.Peer.anyIpv4();
        group.addEgressRule(peer, portOf(rule), safeDescription(rule.description));
      }
      if (props.endpointSecurityGroup) {
        group.addEgressRule(props.endpointSecurityGroup, ec2.Port.tcp(443), 'HTTPS to AWS service endpoints');
      }
      if (props.s3PrefixListId) {
        group.addEgressRule(
          ec2.Peer.prefixList(props.s3PrefixListId),
          ec2.Port.tcp(443),
          'HTTPS to S3 through the gateway endpoint',
        );
      }
    }
  }

  /** The security group of an application's servers. */
  groupFor(applicationId: string): ec2.ISecurityGroup & ec2.SecurityGroup {
    const group = this.groups.get(applicationId);
    if (!group)
      throw new Error(`No security group for application "${applicationId}": it is not in estate.yaml`);
    return group;
  }
}

function portOf(rule: {
  readonly protocol: 'tcp' | 'udp';
  readonly fromPort: number;
  readonly toPort: number;
}): ec2.Port {
  if (rule.protocol === 'tcp') {
    return rule.fromPort === rule.toPort
      ? ec2.Port.tcp(rule.fromPort)
      : ec2.Port.tcpRange(rule.fromPort, rule.toPort);
  }
  return rule.fromPort === rule.toPort
    ? ec2.Port.udp(rule.fromPort)
    : ec2.Port.udpRange(rule.fromPort, rule.toPort);
}

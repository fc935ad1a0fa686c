import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { Plan, PlanServer } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';
import { constructIdFor, safeDescription } from '../shared/naming';
import { inboundRulesFor } from './flow-rules';

/** Properties of {@link ApplicationSecurityGroups}. */
export interface ApplicationSecurityGroupsProps {
  readonly plan: Plan;
  readonly vpc: ec2.IVpc;
}

/**
 * One security group per application, holding every migrated server of that application, whatever
 * wave or stack the server lives in. Inbound rules come from the plan's declared flows: from another
 * application (its group), from a named on-premises range or from a CIDR. Nothing is open to
 * 0.0.0.0/0. All groups live in one stack so that application-to-application rules never cross a
 * stack boundary; wave stacks only import the group id of their application (one export each).
 * Databases get their own group per database (see lib/database), admitting this group.
 */
export class ApplicationSecurityGroups extends Construct {
  private readonly groups = new Map<string, ec2.SecurityGroup>();

  constructor(scope: Construct, id: string, props: ApplicationSecurityGroupsProps) {
    super(scope, id);
    for (const app of props.plan.applications) {
      this.groups.set(
        app.id,
        new ec2.SecurityGroup(this, constructIdFor(app.id), {
          vpc: props.vpc,
          description: safeDescription(`Servers of ${app.id} (${app.name})`),
          // Servers reach SSM, patch repositories and on-premises services; ingress is what is restricted.
          allowAllOutbound: true,
        }),
      );
    }
    const servers: PlanServer[] = props.plan.servers.filter(getsLandingZone);
    for (const app of props.plan.applications) {
      const group = this.groupFor(app.id);
      for (const rule of inboundRulesFor(props.plan, app.id, servers)) {
        const port =
          rule.protocol === 'tcp'
            ? rule.fromPort === rule.toPort
              ? ec2.Port.tcp(rule.fromPort)
              : ec2.Port.tcpRange(rule.fromPort, rule.toPort)
            : rule.fromPort === rule.toPort
              ? ec2.Port.udp(rule.fromPort)
              : ec2.Port.udpRange(rule.fromPort, rule.toPort);
        const peer =
          rule.peer.kind === 'application'
            ? this.groupFor(rule.peer.application)
            : ec2.Peer.ipv4(rule.peer.cidr);
        group.addIngressRule(peer, port, safeDescription(rule.description));
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

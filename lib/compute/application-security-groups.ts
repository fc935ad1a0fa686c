import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { PlanServer } from '../plan/plan';
import type { EstateModel } from '../estate-model/estate-model';
import { getsLandingZone } from '../plan/plan';
import { constructIdFor, safeDescription } from '../shared/naming';
import { inboundRulesFor, type InboundRule } from './flow-rules';
import { outboundRulesFor, type OutboundRule } from './outbound-rules';

/**
 * Resources the groups' own stack may hold (groups plus rule resources) before the rules move to
 * shards: the estate's own per-stack limit, well below CloudFormation's 500.
 */
export const ACCESS_STACK_RESOURCE_BUDGET = 400;
/** Rule resources per shard when the rules are sharded. */
export const RULES_PER_SHARD = 300;

/** Properties of {@link ApplicationSecurityGroups}. */
export interface ApplicationSecurityGroupsProps {
  /** The estate model: its applications, their servers' flows and the network settings. */
  readonly model: EstateModel;
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
   * Where an application's rules scope lives, when the groups and their separate rule resources
   * would exceed {@link ACCESS_STACK_RESOURCE_BUDGET}: typically a stack of its own, named by the
   * application. Each application's rules that are separate resources (to and from other groups)
   * then go to its own scope (at most {@link RULES_PER_SHARD} of them); other rules stay inline in
   * the group. Placement depends on the application id alone, never on how many scopes there are.
   * @default - every rule stays with the groups
   */
  readonly ruleShard?: (applicationId: string) => Construct;
  /**
   * Resources (groups plus rule resources) the groups' own scope may hold before rules are sharded.
   * @default ACCESS_STACK_RESOURCE_BUDGET
   */
  readonly resourceBudget?: number;
  /**
   * Ids of the applications that get a group here (those of one workload account); only their
   * servers' flows make rules. @default - every application of the plan
   */
  readonly applications?: readonly string[];
  /** CIDR of `vpc` (flows from a CIDR inside it are VPC-wide). @default the model's `settings.network.vpcCidr` */
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
    const applications = props.model.planned.applications.filter((a) => here?.has(a.id) ?? true);
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
    const servers: PlanServer[] = props.model.planned.servers.filter(
      (s) => getsLandingZone(s) && (here?.has(s.application) ?? true),
    );
    const rules = applications.map((app) => ({
      app: app.id,
      inbound: inboundRulesFor(props.model, app.id, servers),
      outbound: outboundRulesFor(props.model, app.id, servers, props.vpcCidr),
    }));
    // Rules that are resources of their own: those to and from other groups of this scope (inline
    // they would make the groups depend on each other); the rest are inline in the group.
    const separate = rules.reduce(
      (n, r) =>
        n +
        r.inbound.filter((x) => x.peer.kind === 'application').length +
        r.outbound.filter((x) => x.peer.kind === 'application').length,
      0,
    );
    const budget = props.resourceBudget ?? ACCESS_STACK_RESOURCE_BUDGET;
    const sharded = props.ruleShard !== undefined && this.groups.size + separate > budget;
    for (const { app, inbound, outbound } of rules) {
      const group = this.groupFor(app);
      let where: Construct | undefined;
      const own =
        inbound.filter((x) => x.peer.kind === 'application').length +
        outbound.filter((x) => x.peer.kind === 'application').length;
      // One rule scope per application, named by its id: adding or removing an application, or
      // another's rules growing, never moves this one's rules to another stack.
      if (sharded && own > 0) {
        if (own > RULES_PER_SHARD)
          throw new Error(
            `Application "${app}" has ${own} security group rules to and from other applications; ` +
              `one rules stack holds at most ${RULES_PER_SHARD}: merge flows in servers.yaml`,
          );
        where = props.ruleShard!(app);
        this.shardOf.add(app);
      }
      for (const rule of inbound) this.addInbound(group, app, rule, where);
      for (const rule of outbound) this.addOutbound(group, app, rule, where);
      // Inline in the group (the endpoint group is in another stack, the prefix list is no group):
      // two rules per application that are no resources of their own.
      if (props.endpointSecurityGroup) {
        group.addEgressRule(
          ec2.Peer.securityGroupId(props.endpointSecurityGroup.securityGroupId),
          ec2.Port.tcp(443),
          'HTTPS to AWS service endpoints',
        );
      }
      if (props.s3PrefixListId) {
        group.addEgressRule(
          new InlinePrefixList(props.s3PrefixListId),
          ec2.Port.tcp(443),
          'HTTPS to S3 through the gateway endpoint',
        );
      }
    }
  }

  /** Applications whose rules to and from other groups are in a rules scope of their own. */
  private readonly shardOf = new Set<string>();

  /** Number of rule shards (0: every rule is with the groups). */
  get shardCount(): number {
    return this.shardOf.size;
  }

  /** The application whose rules scope holds its separate rules (itself), or undefined when with the groups. */
  shardFor(applicationId: string): string | undefined {
    return this.shardOf.has(applicationId) ? applicationId : undefined;
  }

  private addInbound(group: ec2.SecurityGroup, app: string, rule: InboundRule, where?: Construct): void {
    const port = portOf(rule);
    const description = safeDescription(rule.description);
    if (rule.peer.kind !== 'application') {
      group.addIngressRule(ec2.Peer.ipv4(rule.peer.cidr), port, description);
      return;
    }
    const peer = this.groupFor(rule.peer.application);
    if (!where) {
      group.addIngressRule(peer, port, description);
      return;
    }
    const id = `${constructIdFor(app)}From${constructIdFor(rule.peer.application)}${ruleSuffix(rule)}`;
    if (where.node.tryFindChild(id)) return;
    new ec2.CfnSecurityGroupIngress(where, id, {
      groupId: group.securityGroupId,
      sourceSecurityGroupId: peer.securityGroupId,
      ...port.toRuleJson(),
      description,
    });
  }

  private addOutbound(group: ec2.SecurityGroup, app: string, rule: OutboundRule, where?: Construct): void {
    const port = portOf(rule);
    const description = safeDescription(rule.description);
    if (rule.peer.kind !== 'application') {
      group.addEgressRule(
        rule.peer.kind === 'cidr' ? ec2.Peer.ipv4(rule.peer.cidr) : ec2.Peer.anyIpv4(),
        port,
        description,
      );
      return;
    }
    const peer = this.groupFor(rule.peer.application);
    this.addSeparateEgress(
      group,
      app,
      where,
      `${constructIdFor(rule.peer.application)}${ruleSuffix(rule)}`,
      description,
      port,
      { destinationSecurityGroupId: peer.securityGroupId },
      peer,
    );
  }

  /** An egress rule that is a resource of its own: on the group, or in the rule shard `where`. */
  private addSeparateEgress(
    group: ec2.SecurityGroup,
    app: string,
    where: Construct | undefined,
    to: string,
    description: string,
    port: ec2.Port,
    destination: { destinationSecurityGroupId: string },
    peer: ec2.IPeer,
  ): void {
    if (!where) {
      group.addEgressRule(peer, port, description);
      return;
    }
    const id = `${constructIdFor(app)}To${to}`;
    if (where.node.tryFindChild(id)) return;
    new ec2.CfnSecurityGroupEgress(where, id, {
      groupId: group.securityGroupId,
      ...destination,
      ...port.toRuleJson(),
      description,
    });
  }

  /** The security group of an application's servers. */
  groupFor(applicationId: string): ec2.ISecurityGroup & ec2.SecurityGroup {
    const group = this.groups.get(applicationId);
    if (!group)
      throw new Error(`No security group for application "${applicationId}": it is not in estate.yaml`);
    return group;
  }
}

/**
 * A managed prefix list as a peer whose rules CloudFormation takes inline in the group
 * (`DestinationPrefixListId`); aws-cdk-lib's `Peer.prefixList` always makes a separate resource.
 */
class InlinePrefixList implements ec2.IPeer {
  readonly canInlineRule = true;
  readonly connections: ec2.Connections = new ec2.Connections({ peer: this });
  readonly uniqueId: string;
  constructor(private readonly prefixListId: string) {
    this.uniqueId = prefixListId;
  }
  toIngressRuleConfig(): Record<string, string> {
    return { sourcePrefixListId: this.prefixListId };
  }
  toEgressRuleConfig(): Record<string, string> {
    return { destinationPrefixListId: this.prefixListId };
  }
}

/** Construct-id suffix of a rule's protocol and ports, e.g. `Tcp8443` or `Udp5000To5010`. */
function ruleSuffix(rule: {
  readonly protocol: 'tcp' | 'udp';
  readonly fromPort: number;
  readonly toPort: number;
}): string {
  const proto = rule.protocol === 'tcp' ? 'Tcp' : 'Udp';
  return rule.fromPort === rule.toPort
    ? `${proto}${rule.fromPort}`
    : `${proto}${rule.fromPort}To${rule.toPort}`;
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

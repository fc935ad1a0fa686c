import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { Plan, PlanServer } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';
import { constructIdFor, safeDescription } from '../shared/naming';
import { stableSlot } from '../shared/stable-hash';
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
   * Where rule shard `index` (0-based) lives, when the groups and their separate rule resources
   * would exceed {@link ACCESS_STACK_RESOURCE_BUDGET}: typically a stack of its own. Each
   * application's rules that are separate resources (to and from other groups) then go to shard
   * `stableSlot(application id, shards)`, shards being the fewest (`shardCount`) that hold at most
   * min({@link RULES_PER_SHARD}, budget) rules each; other rules stay inline in the group.
   * @default - every rule stays with the groups
   */
  readonly ruleShard?: (index: number, shards: number) => Construct;
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
    const rules = applications.map((app) => ({
      app: app.id,
      inbound: inboundRulesFor(props.plan, app.id, servers),
      outbound: outboundRulesFor(props.plan, app.id, servers, props.vpcCidr),
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
    const shards = sharded
      ? shardCount(
          rules.map((r) => ({
            app: r.app,
            rules:
              r.inbound.filter((x) => x.peer.kind === 'application').length +
              r.outbound.filter((x) => x.peer.kind === 'application').length,
          })),
          Math.min(RULES_PER_SHARD, budget),
        )
      : 0;
    this.shardCount = shards;
    const shardScopes = new Map<number, Construct>();
    for (const { app, inbound, outbound } of rules) {
      const group = this.groupFor(app);
      let where: Construct | undefined;
      if (sharded) {
        const index = stableSlot(app, shards);
        if (!shardScopes.has(index)) shardScopes.set(index, props.ruleShard!(index, shards));
        where = shardScopes.get(index)!;
        this.shardOf.set(app, index);
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

  /** Number of rule shards (0: every rule is with the groups). */
  readonly shardCount: number;
  /** Shard index of each application whose rules are sharded. */
  private readonly shardOf = new Map<string, number>();

  /** The rule shard holding an application's separate rules, or undefined when not sharded. */
  shardFor(applicationId: string): number | undefined {
    return this.shardOf.get(applicationId);
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
 * The fewest shards, from ceil(rules / limit) up, for which no shard (applications placed by the
 * stable slot of their id) holds more than `limit` rules. Deterministic: it depends only on the
 * plan. An application whose own rules exceed the limit gets a shard of its own at most.
 */
export function shardCount(apps: readonly { app: string; rules: number }[], limit: number): number {
  const total = apps.reduce((n, a) => n + a.rules, 0);
  for (let n = Math.max(1, Math.ceil(total / limit)); n < apps.length; n++) {
    const load = new Array<number>(n).fill(0);
    for (const a of apps) load[stableSlot(a.app, n)]! += a.rules;
    if (Math.max(...load) <= limit) return n;
  }
  return Math.max(1, apps.length);
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

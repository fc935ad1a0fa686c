/**
 * Walks synthesized CloudFormation templates (as `cdk.out` holds them) to find what an MGN
 * replication server in the staging subnet can reach: its security group's rules, the staging
 * subnet's routes, and the VPC endpoints with their security groups and policies. Cross-stack
 * references (Fn::ImportValue) are followed to the exporting stack.
 */
type Json = Record<string, unknown>;

export interface Ref {
  readonly stack: string;
  readonly id: string;
}

export interface SgRule {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
  readonly cidr?: string;
  readonly prefixList?: string;
  readonly group?: Ref;
}

export class TemplateWalker {
  constructor(
    private readonly templates: ReadonlyMap<string, Json>,
    private readonly region: string,
  ) {}

  resources(stack: string): Record<string, Json> {
    return ((this.templates.get(stack) ?? {}).Resources ?? {}) as Record<string, Json>;
  }

  resource(ref: Ref): Json {
    const r = this.resources(ref.stack)[ref.id];
    if (!r) throw new Error(`No resource ${ref.id} in ${ref.stack}`);
    return r;
  }

  props(ref: Ref): Json {
    return (this.resource(ref).Properties ?? {}) as Json;
  }

  /** A Ref / GetAtt / ImportValue to the resource it names. */
  refOf(stack: string, value: unknown): Ref | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Json;
    if (typeof v.Ref === 'string') return { stack, id: v.Ref };
    if (Array.isArray(v['Fn::GetAtt'])) return { stack, id: String(v['Fn::GetAtt'][0]) };
    if (v['Fn::GetStackOutput'] !== undefined) {
      const o = v['Fn::GetStackOutput'] as { StackName: string; OutputName: string };
      const outputs = (this.templates.get(o.StackName)?.Outputs ?? {}) as Record<string, Json>;
      const out = outputs[o.OutputName];
      return out ? this.refOf(o.StackName, out.Value) : undefined;
    }
    if (v['Fn::ImportValue'] !== undefined) {
      const name = this.string(stack, v['Fn::ImportValue']);
      for (const [other, t] of this.templates) {
        for (const out of Object.values((t.Outputs ?? {}) as Record<string, Json>)) {
          if ((out.Export as Json | undefined)?.Name === name) return this.refOf(other, out.Value);
        }
      }
    }
    return undefined;
  }

  /** A literal, or Fn::Join over literals, AWS::Region and AWS::Partition. */
  string(stack: string, value: unknown): string | undefined {
    if (typeof value === 'string') return value;
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Json;
    if (v.Ref === 'AWS::Region') return this.region;
    if (v.Ref === 'AWS::Partition') return 'aws';
    if (v.Ref === 'AWS::URLSuffix') return 'amazonaws.com';
    if (Array.isArray(v['Fn::Join'])) {
      const [sep, parts] = v['Fn::Join'] as [string, unknown[]];
      const strings = parts.map((p) => this.string(stack, p));
      return strings.every((s) => s !== undefined) ? strings.join(sep) : undefined;
    }
    return undefined;
  }

  same(a: Ref | undefined, b: Ref | undefined): boolean {
    return !!a && !!b && a.stack === b.stack && a.id === b.id;
  }

  private rule(stack: string, r: Json, peerKey: 'Destination' | 'Source'): SgRule {
    const cidr = r.CidrIp ?? r.DestinationCidrIp ?? r.CidrIpv4;
    const prefixList = r.DestinationPrefixListId ?? r.SourcePrefixListId;
    const group = this.refOf(stack, r[`${peerKey}SecurityGroupId`]);
    return {
      protocol: String(r.IpProtocol),
      from: Number(r.FromPort),
      to: Number(r.ToPort),
      ...(typeof cidr === 'string' ? { cidr } : {}),
      ...(typeof prefixList === 'string' ? { prefixList } : {}),
      ...(group ? { group } : {}),
    };
  }

  /** Inline and separate rules of a security group, in any stack. */
  rules(sg: Ref, direction: 'egress' | 'ingress'): SgRule[] {
    const inline = direction === 'egress' ? 'SecurityGroupEgress' : 'SecurityGroupIngress';
    const type = direction === 'egress' ? 'AWS::EC2::SecurityGroupEgress' : 'AWS::EC2::SecurityGroupIngress';
    const peer = direction === 'egress' ? 'Destination' : 'Source';
    const out = ((this.props(sg)[inline] ?? []) as Json[]).map((r) => this.rule(sg.stack, r, peer));
    for (const stack of this.templates.keys()) {
      for (const r of Object.values(this.resources(stack))) {
        if (r.Type !== type) continue;
        const p = r.Properties as Json;
        if (this.same(this.refOf(stack, p.GroupId), sg)) out.push(this.rule(stack, p, peer));
      }
    }
    return out;
  }

  /** Route table of a subnet and its routes (destination -> target kind). */
  routesOf(subnet: Ref): { routeTable: Ref; routes: { destination: string; target: string }[] } {
    const association = Object.entries(this.resources(subnet.stack)).find(
      ([, r]) =>
        r.Type === 'AWS::EC2::SubnetRouteTableAssociation' &&
        this.same(this.refOf(subnet.stack, (r.Properties as Json).SubnetId), subnet),
    );
    if (!association) throw new Error(`Subnet ${subnet.id} has no route table`);
    const routeTable = this.refOf(subnet.stack, (association[1].Properties as Json).RouteTableId)!;
    const routes = Object.values(this.resources(subnet.stack))
      .filter(
        (r) =>
          r.Type === 'AWS::EC2::Route' &&
          this.same(this.refOf(subnet.stack, (r.Properties as Json).RouteTableId), routeTable),
      )
      .map((r) => {
        const p = r.Properties as Json;
        const target = ['NatGatewayId', 'GatewayId', 'TransitGatewayId', 'VpcPeeringConnectionId'].find(
          (k) => p[k] !== undefined,
        );
        return { destination: String(p.DestinationCidrBlock), target: target ?? 'unknown' };
      });
    return { routeTable, routes };
  }

  /** Every VPC endpoint, with its service name resolved. */
  endpoints(): { ref: Ref; service: string; props: Json }[] {
    const out: { ref: Ref; service: string; props: Json }[] = [];
    for (const stack of this.templates.keys()) {
      for (const [id, r] of Object.entries(this.resources(stack))) {
        if (r.Type !== 'AWS::EC2::VPCEndpoint') continue;
        const p = r.Properties as Json;
        out.push({ ref: { stack, id }, service: this.string(stack, p.ServiceName) ?? '?', props: p });
      }
    }
    return out;
  }
}

/** True when `inner` (a CIDR) lies within `outer`. */
export function cidrWithin(inner: string, outer: string): boolean {
  const parse = (c: string) => {
    const [ip, bits] = c.split('/');
    const n = ip!.split('.').reduce((a, o) => a * 256 + Number(o), 0);
    return { n, bits: Number(bits) };
  };
  const i = parse(inner);
  const o = parse(outer);
  if (i.bits < o.bits) return false;
  const size = 2 ** (32 - o.bits);
  return Math.floor(i.n / size) === Math.floor(o.n / size);
}

/** The rule admits TCP `port`. */
export function allowsTcp(rule: SgRule, port: number): boolean {
  return (rule.protocol === 'tcp' || rule.protocol === '-1') && rule.from <= port && port <= rule.to;
}

export interface ReplicationReach {
  /** How each documented destination is reached, or undefined when it is not. */
  readonly mgnApi?: 'interface-endpoint' | 'nat';
  readonly ec2Api?: 'interface-endpoint' | 'nat';
  /** Per documented MGN bucket: reachable through the S3 gateway endpoint (route, rule, policy). */
  readonly buckets: Readonly<Record<string, boolean>>;
  /** The servers' security group lets HTTPS out to the internet and the subnet routes it to NAT. */
  readonly internet: boolean;
  /** Sources admitted on TCP 1500, and any other ingress. */
  readonly agentSources: readonly string[];
  readonly otherIngress: number;
}

/**
 * What the replication servers of the Migration stack `stack` can reach, per the MGN user guide's
 * network requirements (TCP 443 to the MGN API endpoint; the staging subnet reaches S3 and the
 * documented buckets; agents send data on TCP 1500).
 */
export function replicationReach(
  w: TemplateWalker,
  stack: string,
  region: string,
  buckets: readonly string[],
  s3PrefixList: string | undefined,
): ReplicationReach {
  const [, rct] = Object.entries(w.resources(stack)).find(
    ([, r]) => r.Type === 'AWS::MGN::ReplicationConfigurationTemplate',
  )!;
  const p = rct.Properties as Json;
  const sg = w.refOf(stack, (p.ReplicationServersSecurityGroupsIDs as unknown[])[0])!;
  const subnet = w.refOf(stack, p.StagingAreaSubnetId)!;
  const subnetCidr = String(w.props(subnet).CidrBlock);
  const egress = w.rules(sg, 'egress').filter((r) => allowsTcp(r, 443));
  const { routeTable, routes } = w.routesOf(subnet);
  const natRoute = routes.some((r) => r.destination === '0.0.0.0/0' && r.target === 'NatGatewayId');
  const internet = natRoute && egress.some((r) => r.cidr === '0.0.0.0/0');
  const endpoints = w.endpoints();
  const viaInterface = (service: string): boolean =>
    endpoints.some((e) => {
      if (e.service !== `com.amazonaws.${region}.${service}` || e.props.VpcEndpointType !== 'Interface')
        return false;
      if (e.props.PrivateDnsEnabled !== true) return false;
      const groups = ((e.props.SecurityGroupIds ?? []) as unknown[]).map((g) => w.refOf(e.ref.stack, g)!);
      const sgOut = egress.some((r) => groups.some((g) => w.same(r.group, g)));
      const epIn = groups.some((g) =>
        w
          .rules(g, 'ingress')
          .some(
            (r) => allowsTcp(r, 443) && ((r.cidr && cidrWithin(subnetCidr, r.cidr)) || w.same(r.group, sg)),
          ),
      );
      return sgOut && epIn;
    });
  const via = (service: string) =>
    viaInterface(service) ? 'interface-endpoint' : internet ? 'nat' : undefined;
  const s3 = endpoints.find(
    (e) => e.service === `com.amazonaws.${region}.s3` && e.props.VpcEndpointType === 'Gateway',
  );
  const routed =
    !!s3 &&
    ((s3.props.RouteTableIds ?? []) as unknown[]).some((t) => w.same(w.refOf(s3.ref.stack, t), routeTable));
  const sgToS3 = egress.some(
    (r) => r.cidr === '0.0.0.0/0' || (!!s3PrefixList && r.prefixList === s3PrefixList),
  );
  const statements = (((s3?.props.PolicyDocument as Json | undefined)?.Statement ?? []) as Json[]).filter(
    (s) => s.Effect === 'Allow' && s.Condition === undefined,
  );
  const allowed = (bucket: string) =>
    statements.some((s) => {
      const actions = ([] as unknown[]).concat(s.Action);
      const resources = ([] as unknown[]).concat(s.Resource).map((r) => w.string(s3!.ref.stack, r));
      return (
        actions.some((a) => a === 's3:GetObject' || a === 's3:*') &&
        resources.includes(`arn:aws:s3:::${bucket}/*`)
      );
    });
  const ingress = w.rules(sg, 'ingress');
  return {
    ...(via('mgn') ? { mgnApi: via('mgn') } : {}),
    ...(via('ec2') ? { ec2Api: via('ec2') } : {}),
    buckets: Object.fromEntries(buckets.map((b) => [b, routed && sgToS3 && allowed(b)])),
    internet,
    agentSources: ingress.filter((r) => allowsTcp(r, 1500)).map((r) => r.cidr ?? '?'),
    otherIngress: ingress.filter((r) => !(allowsTcp(r, 1500) && r.from === 1500 && r.to === 1500)).length,
  };
}

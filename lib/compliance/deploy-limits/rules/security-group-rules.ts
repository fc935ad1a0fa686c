import { resourcesOfType, type LimitRule, type StackTemplate } from '../limit-rule';

/**
 * Amazon VPC User Guide, "Amazon VPC quotas", Security groups: inbound or outbound rules per
 * security group, 60 each (the default quota; adjustable, but a new account has this value).
 */
export const SECURITY_GROUP_RULES = 60;

type Direction = 'inbound' | 'outbound';

/** Every template's exports: export name to the value it exports (to follow Fn::ImportValue). */
function exportsOf(templates: readonly StackTemplate[]): Map<string, { t: StackTemplate; value: unknown }> {
  const out = new Map<string, { t: StackTemplate; value: unknown }>();
  for (const t of templates)
    for (const o of Object.values(t.template.Outputs ?? {}))
      if (typeof o.Export?.Name === 'string') out.set(o.Export.Name, { t, value: o.Value });
  return out;
}

/** A key naming one security group across templates: `<templatePath>#<logicalId>`, or the literal id. */
function groupKey(t: StackTemplate, ref: unknown, exports: ReturnType<typeof exportsOf>): string {
  if (typeof ref === 'string') return ref;
  const r = ref as Record<string, unknown>;
  if (typeof r.Ref === 'string') return `${t.templatePath}#${r.Ref}`;
  const getAtt = r['Fn::GetAtt'];
  if (Array.isArray(getAtt)) return `${t.templatePath}#${String(getAtt[0])}`;
  const imported = r['Fn::ImportValue'];
  if (typeof imported === 'string') {
    const e = exports.get(imported);
    if (e) return groupKey(e.t, e.value, exports);
  }
  return JSON.stringify(ref);
}

/** Rules of every security group, inline and as separate resources, across all stacks of the app. */
export const securityGroupRules: LimitRule = {
  id: 'SecurityGroupRules',
  info: 'A security group has more inbound or outbound rules than a new account allows.',
  source: `Amazon VPC User Guide, Amazon VPC quotas: ${SECURITY_GROUP_RULES} inbound and ${SECURITY_GROUP_RULES} outbound rules per security group (default quota)`,
  evaluate(templates) {
    const exports = exportsOf(templates);
    const counts = new Map<string, Record<Direction, number>>();
    const add = (key: string, d: Direction, n: number) => {
      const c = counts.get(key) ?? { inbound: 0, outbound: 0 };
      c[d] += n;
      counts.set(key, c);
    };
    for (const t of templates) {
      for (const { logicalId, properties } of resourcesOfType(t, 'AWS::EC2::SecurityGroup')) {
        const key = `${t.templatePath}#${logicalId}`;
        add(
          key,
          'inbound',
          Array.isArray(properties.SecurityGroupIngress) ? properties.SecurityGroupIngress.length : 0,
        );
        add(
          key,
          'outbound',
          Array.isArray(properties.SecurityGroupEgress) ? properties.SecurityGroupEgress.length : 0,
        );
      }
      for (const { properties } of resourcesOfType(t, 'AWS::EC2::SecurityGroupIngress'))
        add(groupKey(t, properties.GroupId, exports), 'inbound', 1);
      for (const { properties } of resourcesOfType(t, 'AWS::EC2::SecurityGroupEgress'))
        add(groupKey(t, properties.GroupId, exports), 'outbound', 1);
    }
    return [...counts]
      .filter(([, c]) => c.inbound > SECURITY_GROUP_RULES || c.outbound > SECURITY_GROUP_RULES)
      .map(([key, c]) => {
        const [templatePath, logicalId] = key.includes('#')
          ? key.split('#')
          : [templates[0]?.templatePath ?? '', key];
        return {
          templatePath: templatePath!,
          ...(logicalId ? { logicalId } : {}),
          measured: `${c.inbound} inbound and ${c.outbound} outbound rules (limit ${SECURITY_GROUP_RULES} each)`,
        };
      });
  },
};

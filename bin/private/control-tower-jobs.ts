/**
 * How the Control Tower check (cfn-guard) splits its work: one cfn-guard run per group of rules
 * that name the same resource types, each given only the resources it can look at.
 *
 * Measured on a 1,000-server estate (a wave template of 248 resources, 61 applicable rules):
 * cfn-guard 3.1.1 costs about 11 ms per rule per resource it holds of the rule's type and about
 * 0.6 ms per resource of any other type, and about 0.1 s to parse a 420 kB template, so one run of
 * every rule over the whole template took 4.9 s, and the same rules given only their resources
 * 2.4 s. A Control Tower proactive control selects resources by the types it names
 * (`Resources.*[ Type == %EC2_INSTANCE_TYPE ]`, the constant spelt out in the rule file) and may
 * follow a reference from one of them to another resource (`Type == %referenced_resource_type`):
 * so each group's copy of a template keeps every section but `Resources`, the resources of the
 * types its rules name, and every resource those reach by `Ref`, `Fn::GetAtt`, `Fn::Sub` or
 * `DependsOn`, transitively. A rule that names no type gets whole templates.
 *
 * A rule only starts from the resources it selects (`Resources.*[ Type == %A or Type == %B ]`, with
 * the rule's `when %selected not empty`): a type it names only to check what a reference points to
 * (`check_local_references(..., "AWS::Logs::LogGroup")`, looked up by the key a selected resource
 * names) selects nothing. So a template holding none of the selected types is left out of the
 * group's run: an API Gateway stage's logging control is not run over the log groups of 40 wave
 * templates that hold no stage. `selectedTypes` reads the selections; a file whose template queries
 * it cannot read selects every type it names.
 * `test/compliance/control-tower-rule-selection.test.ts` checks the violations equal those of every
 * rule on whole templates.
 */

/** A cfn-guard rule file and the resource types it names. */
export interface GuardRuleFile {
  readonly path: string;
  readonly types: readonly string[];
  /** The types it selects resources of (see the file comment). @default - every type it names */
  readonly selects?: readonly string[];
}

/** `AWS::Service::Resource`. */
const TYPE_NAME = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

/**
 * The types whose resources a rule file selects from a template, or undefined when it queries the
 * template in any way other than the two Control Tower's rules are written in: selecting by type
 * (`Resources.*[ Type == %CONSTANT ]`, clauses joined by `or`, the constant a `let` of a type name
 * or the name quoted) and looking up the resource a reference names (`%doc.Resources[ keys ==
 * %resource_key ]` followed by `Type == %referenced_resource_type`, both rule parameters).
 */
export function selectedTypes(ruleText: string): readonly string[] | undefined {
  const text = ruleText.replace(/<<[\s\S]*?>>/g, ' ').replace(/#.*$/gm, ' ');
  const constants = new Map<string, string>();
  for (const m of text.matchAll(/\blet\s+(\w+)\s*=\s*["']([^"']*)["']/g)) constants.set(m[1]!, m[2]!);
  const typeOf = (operand: string): string | undefined => {
    const quoted = /^["']([^"']*)["']$/.exec(operand)?.[1];
    const name = quoted ?? (operand.startsWith('%') ? constants.get(operand.slice(1)) : undefined);
    return name !== undefined && TYPE_NAME.test(name) ? name : undefined;
  };
  const selected = new Set<string>();
  let typeClauses = 0;
  for (const m of text.matchAll(/\bResources\.\*\[([^\]]*)\]/g)) {
    for (const clause of m[1]!.split(/\bor\b/)) {
      const operand = /^\s*Type\s*==\s*(\S+)\s*$/.exec(clause)?.[1];
      const type = operand === undefined ? undefined : typeOf(operand);
      if (type === undefined) return undefined;
      selected.add(type);
      typeClauses++;
    }
  }
  const lookups = [...text.matchAll(/%\w+\.Resources\[\s*keys\s*==\s*%\w+\s*\]/g)].length;
  const referenceTypeChecks = [...text.matchAll(/\bType\s*==\s*%referenced_resource_type\b/g)].length;
  // Every other mention of the template's resources or of a type is a query not read here.
  const resources = [...text.matchAll(/\bResources\b/g)].length;
  const standard = [...text.matchAll(/\bResources\s+exists\b/g)].length; // is_cfn_template
  const types = [...text.matchAll(/\bType\b/g)].length;
  const selections = [...text.matchAll(/\bResources\.\*\[/g)].length;
  if (resources !== selections + lookups + standard) return undefined;
  if (types !== typeClauses + referenceTypeChecks) return undefined;
  return selected.size > 0 ? [...selected].sort() : undefined;
}

/** A synthesized template, parsed. */
export interface GuardTemplate {
  readonly path: string;
  readonly template: { readonly Resources?: Readonly<Record<string, { readonly Type?: unknown }>> };
}

/** One cfn-guard run: these rules over these (reduced) templates. */
export interface GuardJob {
  readonly rules: readonly string[];
  /** Each template this job checks: the original's path and the copy cfn-guard reads. */
  readonly data: readonly { readonly source: string; readonly template: object }[];
  /** Estimated cost (rules x bytes, plus the run's start), to spread jobs over workers. */
  readonly cost: number;
}

/** What starting a cfn-guard run and loading its rules costs, in the units of `cost`. */
const RUN_COST = 200_000;

/**
 * The jobs that check `templates` with `rules`: rules grouped by the types they name and select,
 * each group over the templates holding a resource of a type it selects. Rules whose types no
 * template holds are left out (such a control passes a template without them). Jobs come in the
 * order of their first rule.
 */
export function controlTowerJobs(
  templates: readonly GuardTemplate[],
  rules: readonly GuardRuleFile[],
): GuardJob[] {
  const groups = new Map<
    string,
    { types: readonly string[]; selects: ReadonlySet<string>; rules: string[] }
  >();
  for (const rule of rules) {
    const types = [...new Set(rule.types)].sort();
    const selects = [...new Set(rule.selects ?? types)].sort();
    const key = `${types.join(',')}|${selects.join(',')}`;
    const group = groups.get(key) ?? { types, selects: new Set(selects), rules: [] };
    group.rules.push(rule.path);
    groups.set(key, group);
  }
  const typesIn = new Map(
    templates.map((t) => [t, new Set(Object.values(t.template.Resources ?? {}).map((r) => String(r?.Type)))]),
  );
  const jobs: GuardJob[] = [];
  for (const group of groups.values()) {
    const data = templates.flatMap((t) => {
      const reduced =
        group.types.length === 0
          ? t.template
          : [...group.selects].some((type) => typesIn.get(t)!.has(type))
            ? reduceTemplate(t.template, new Set(group.types))
            : undefined;
      return reduced ? [{ source: t.path, template: reduced }] : [];
    });
    if (data.length === 0) continue;
    const bytes = data.reduce((sum, d) => sum + JSON.stringify(d.template).length, 0);
    jobs.push({ rules: [...group.rules].sort(), data, cost: RUN_COST + group.rules.length * bytes });
  }
  return jobs.sort((a, b) => a.rules[0]!.localeCompare(b.rules[0]!));
}

/**
 * The template with only the resources of `types` and those they reach; undefined when it holds
 * no resource of `types`.
 */
export function reduceTemplate(
  template: GuardTemplate['template'],
  types: ReadonlySet<string>,
): object | undefined {
  const resources = template.Resources ?? {};
  const keep = new Set<string>();
  const pending = Object.keys(resources).filter((id) => types.has(String(resources[id]?.Type)));
  if (pending.length === 0) return undefined;
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (keep.has(id)) continue;
    keep.add(id);
    for (const ref of referencedIds(resources[id])) if (ref in resources && !keep.has(ref)) pending.push(ref);
  }
  const kept: Record<string, unknown> = {};
  for (const id of Object.keys(resources)) if (keep.has(id)) kept[id] = resources[id];
  return { ...template, Resources: kept };
}

/** Logical ids a resource names: `Ref`, `Fn::GetAtt` (both forms), `${Id}` in `Fn::Sub`, `DependsOn`. */
function referencedIds(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const m of value.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) out.push(m[1]!);
    return out;
  }
  if (Array.isArray(value)) {
    for (const v of value) referencedIds(v, out);
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  for (const [key, v] of Object.entries(value)) {
    if (key === 'Ref' && typeof v === 'string') out.push(v);
    else if (key === 'Fn::GetAtt') {
      if (typeof v === 'string') out.push(v.split('.')[0]!);
      else if (Array.isArray(v) && typeof v[0] === 'string') out.push(v[0]);
      referencedIds(v, out);
    } else if (key === 'DependsOn') {
      for (const d of Array.isArray(v) ? v : [v]) if (typeof d === 'string') out.push(d);
    } else referencedIds(v, out);
  }
  return out;
}

/**
 * Spreads jobs over `workers` lists, costliest first onto the least loaded (so the slowest
 * worker finishes as early as it can); each list keeps the jobs' order.
 */
export function spreadJobs<J extends { readonly cost: number }>(jobs: readonly J[], workers: number): J[][] {
  const lists = Array.from({ length: Math.max(1, Math.min(workers, jobs.length)) }, () => ({
    cost: 0,
    jobs: [] as { job: J; index: number }[],
  }));
  const order = jobs
    .map((job, index) => ({ job, index }))
    .sort((a, b) => b.job.cost - a.job.cost || a.index - b.index);
  for (const entry of order) {
    const lightest = lists.reduce((m, l) => (l.cost < m.cost ? l : m));
    lightest.jobs.push(entry);
    lightest.cost += entry.job.cost;
  }
  return lists.map((l) => l.jobs.sort((a, b) => a.index - b.index).map((e) => e.job));
}

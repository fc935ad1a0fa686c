/**
 * A faster first pass for the Control Tower controls that look only at named properties of one
 * resource type, such as CT.EC2.PR.16, which matches every instance's `InstanceType` against
 * about 100 regular expressions and so costs cfn-guard 3.1.1 about 12 ms per instance.
 *
 * Such a control judges two resources alike when their projections are equal. The projection
 * keeps the type and the properties (and resource attributes) that the rule file names. So the
 * control is run once over one template holding one resource per distinct projection.
 *
 * **When no resource fails there, no resource of that type fails anywhere**, and the control is
 * done. When one does fail, the control runs over the real templates as before, so every
 * reported violation comes from the normal path, in its normal order.
 *
 * A rule file qualifies only in the shape Control Tower's rules are written in:
 * - it names one resource type and selects its resources with `Resources.*[ Type == %CONST ]`;
 * - its only whole-document checks are the standard `is_cfn_template` and `is_cfn_hook` rules
 *   (no other variable bound to the whole document);
 * - it does not enumerate keys (`[*]`, `.*`, `keys`);
 * - it mentions no other template section and no `Ref` or `Fn::` reference.
 *
 * A resource qualifies when its projection holds no reference to another resource.
 * `test/compliance/control-tower-rule-selection.test.ts` checks that this gives the same
 * violations as every rule over whole templates.
 */
import type { GuardTemplate } from './control-tower-jobs';

/** Words that, anywhere in a rule file outside the standard parts, keep it off the fast pass. */
const OFF_LIMITS =
  /\[\s*\*\s*\]|\.\s*\*|\bkeys\b|\bsome\b|\bRef\b|Fn::|\bParameters\b|\bConditions?\b|\bMappings\b|\bOutputs\b|\bMetadata\b|\bDependsOn\b|\bTransform\b|\bAWSTemplateFormatVersion\b|\bResources\b|\bINPUT_DOCUMENT\b|\bdoc\b|\bfilter_query|\blet\s+\w+\s*=\s*this\b/;

/** The standard parts of a Control Tower rule file, removed before the rest is looked at. */
const STANDARD = [
  /<<[\s\S]*?>>/g, // messages
  /#.*$/gm, // comments
  /\blet\s+INPUT_DOCUMENT\s*=\s*this\b/g,
  /\blet\s+\w+\s*=\s*Resources\.\*\[\s*Type\s*==\s*%\w+\s*\]/g,
  /\bwhen\s+is_cfn_template\(\s*%INPUT_DOCUMENT\s*\)/g,
  /\bwhen\s+is_cfn_hook\(\s*%INPUT_DOCUMENT\s*,\s*%\w+\s*\)/g,
  /\bcheck\(\s*%INPUT_DOCUMENT\.%\w+\.resourceProperties\s*\)/g,
  /\brule\s+is_cfn_template\(\s*doc\s*\)\s*\{\s*%doc\s*\{\s*AWSTemplateFormatVersion\s+exists\s+or\s+Resources\s+exists\s*\}\s*\}/g,
  /\brule\s+is_cfn_hook\(\s*doc\s*,\s*RESOURCE_TYPE\s*\)\s*\{\s*%doc\.%RESOURCE_TYPE\.resourceProperties\s+exists\s*\}/g,
];

/**
 * The names a qualifying rule file can look at (every word in it), or undefined when the file
 * does not qualify (see the file comment).
 */
export function projectedNames(ruleText: string, types: readonly string[]): ReadonlySet<string> | undefined {
  if (new Set(types).size !== 1) return undefined;
  let rest = ruleText;
  for (const part of STANDARD) rest = rest.replace(part, ' ');
  if (OFF_LIMITS.test(rest)) return undefined;
  return new Set(rest.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
}

/** Whether `value` holds a reference to another resource (or any intrinsic function). */
function holdsIntrinsic(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(holdsIntrinsic);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k === 'Ref' || k.startsWith('Fn::') || holdsIntrinsic(v));
}

/** JSON with object keys sorted, so that equal projections give equal text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * One template holding one resource per distinct projection of the `type` resources of
 * `templates` onto `names`. Undefined when a projection holds a reference (that resource would
 * be judged out of its context), or when no template holds the type.
 */
export function projectedTemplate(
  templates: readonly GuardTemplate[],
  type: string,
  names: ReadonlySet<string>,
): { readonly template: object; readonly resources: number } | undefined {
  const distinct = new Map<string, object>();
  for (const { template } of templates)
    for (const resource of Object.values(template.Resources ?? {})) {
      if (resource?.Type !== type) continue;
      const projection: Record<string, unknown> = { Type: type };
      for (const [key, value] of Object.entries(resource as Record<string, unknown>)) {
        if (key === 'Properties' && value !== null && typeof value === 'object') {
          // Kept even when empty: a rule may ask whether a resource has properties at all.
          projection.Properties = Object.fromEntries(Object.entries(value).filter(([k]) => names.has(k)));
        } else if (key !== 'Type' && names.has(key)) projection[key] = value;
      }
      if (holdsIntrinsic(projection)) return undefined;
      const text = canonical(projection);
      if (!distinct.has(text)) distinct.set(text, projection);
    }
  if (distinct.size === 0) return undefined;
  const resources: Record<string, object> = {};
  [...distinct.values()].forEach((r, i) => (resources[`Projected${i}`] = r));
  return {
    template: { Resources: resources },
    resources: distinct.size,
  };
}

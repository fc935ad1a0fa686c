import { CfnElement, CfnResource, Reference, Stack, Tokenization } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { RuleEvaluationError } from '../rule-evaluation-error';

/** The value as it will appear in the template (tokens become Ref / Fn:: objects). */
export function resolved(node: CfnResource, value: unknown): unknown {
  return Stack.of(node).resolve(value);
}

/** True for a CloudFormation intrinsic such as `{ Ref }`, `{ "Fn::GetAtt" }`, `{ "Fn::ImportValue" }`. */
export function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'));
}

/** A literal boolean, undefined when absent; throws when it is a token the rule cannot read. */
export function literalBoolean(node: CfnResource, value: unknown, what: string): boolean | undefined {
  const v = resolved(node, value);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new RuleEvaluationError(
    `${what} of ${node.node.path} is ${JSON.stringify(v)}; a literal true/false is needed`,
  );
}

/** A literal string, undefined when absent; throws when it is a token the rule cannot read. */
export function literalString(node: CfnResource, value: unknown, what: string): string | undefined {
  const v = resolved(node, value);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  throw new RuleEvaluationError(
    `${what} of ${node.node.path} is ${JSON.stringify(v)}; a literal value is needed`,
  );
}

/** The construct a reference token (`x.ref`, `x.attrArn`...) points at, if the value is one. */
export function referencedConstruct(value: unknown): IConstruct | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && !Array.isArray(value)) {
    if (value && typeof value === 'object' && value instanceof Reference) return value.target;
    return undefined;
  }
  const token = Tokenization.reverse(value, { failConcat: false });
  return token instanceof Reference ? token.target : undefined;
}

/**
 * A field of a resolved L1 struct. L1 props resolve in their TypeScript (camelCase) shape, but
 * raw overrides and included templates use CloudFormation's PascalCase: accept either.
 */
export function field(obj: unknown, pascalName: string): unknown {
  if (!obj || typeof obj !== 'object') return undefined;
  const o = obj as Record<string, unknown>;
  const camel = pascalName.charAt(0).toLowerCase() + pascalName.slice(1);
  return o[camel] !== undefined ? o[camel] : o[pascalName];
}

/** A resolved list field (camelCase or PascalCase); empty when absent. */
export function listField(obj: unknown, pascalName: string): unknown[] {
  const v = field(obj, pascalName);
  return Array.isArray(v) ? v : [];
}

const logicalIdMaps = new WeakMap<Stack, Map<string, CfnElement>>();

function elementByLogicalId(stack: Stack, logicalId: string): CfnElement | undefined {
  let map = logicalIdMaps.get(stack);
  if (!map) {
    map = new Map();
    for (const c of stack.node.findAll()) {
      if (CfnElement.isCfnElement(c) && Stack.of(c) === stack)
        map.set(stack.resolve(c.logicalId) as string, c);
    }
    logicalIdMaps.set(stack, map);
  }
  return map.get(logicalId);
}

/**
 * Every resource of the node's own stack that the value refers to with Ref or Fn::GetAtt once
 * resolved (works for lazy lists such as a load balancer's security groups).
 */
export function resolvedReferences(node: CfnResource, value: unknown): IConstruct[] {
  const stack = Stack.of(node);
  const found: IConstruct[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const id =
        typeof o.Ref === 'string' ? o.Ref : Array.isArray(o['Fn::GetAtt']) ? o['Fn::GetAtt'][0] : undefined;
      if (typeof id === 'string') {
        const el = elementByLogicalId(stack, id);
        if (el) found.push(el);
      } else Object.values(o).forEach(walk);
    }
  };
  walk(stack.resolve(value));
  return found;
}

/** The L1 resource behind a construct (an L2's default child), or the construct itself. */
export function cfnOf(c: IConstruct | undefined): IConstruct | undefined {
  if (!c) return undefined;
  return CfnResource.isCfnResource(c) ? c : (c.node.defaultChild ?? c);
}

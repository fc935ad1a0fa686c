/**
 * Walks the zod schemas (zod 4 definitions) to find what is allowed at a field path: the keys of
 * an object, the forms of a union. Used to spell out "allowed" in structure problems.
 */
import type { z } from 'zod';
import { valueAt, type FieldPath } from './path';

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional / default / nullable / pipe wrappers. */
export function unwrap(schema: z.ZodType): z.ZodType {
  let cur = schema;
  for (let i = 0; i < 20; i++) {
    const def = defOf(cur);
    if (
      def.innerType &&
      ['optional', 'default', 'nullable', 'readonly', 'prefault', 'catch'].includes(def.type)
    ) {
      cur = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      cur = def.in;
    } else {
      return cur;
    }
  }
  return cur;
}

function literalValues(schema: z.ZodType): unknown[] {
  const def = defOf(unwrap(schema));
  if (def.type === 'literal') return [...(def.values ?? [])];
  if (def.type === 'enum') return Object.values(def.entries ?? {});
  return [];
}

/** Picks the union member that best fits the value. */
function pickOption(def: Def, value: unknown): z.ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator && value && typeof value === 'object') {
    const tag = (value as Record<string, unknown>)[def.discriminator];
    return options.find((o) => {
      const shape = defOf(unwrap(o)).shape;
      const d = shape?.[def.discriminator ?? ''];
      return d !== undefined && literalValues(d).includes(tag);
    });
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const keys = Object.keys(value);
    let best: z.ZodType | undefined;
    let bestScore = -1;
    for (const o of options) {
      const shape = defOf(unwrap(o)).shape;
      if (!shape) continue;
      const score = keys.filter((k) => k in shape).length;
      if (score > bestScore) {
        best = o;
        bestScore = score;
      }
    }
    return best;
  }
  return options[0];
}

/** The schema that governs `path` inside a file whose root schema is `root`. */
export function schemaAt(root: z.ZodType, rootValue: unknown, path: FieldPath): z.ZodType | undefined {
  let cur: z.ZodType | undefined = root;
  for (let i = 0; i <= path.length; i++) {
    if (!cur) return undefined;
    let s = unwrap(cur);
    let def = defOf(s);
    if (def.type === 'union') {
      const picked = pickOption(def, valueAt(rootValue, path.slice(0, i)));
      if (!picked) return i === path.length ? s : undefined;
      s = unwrap(picked);
      def = defOf(s);
    }
    if (i === path.length) return s;
    const seg = path[i];
    if (def.type === 'object' && typeof seg === 'string') cur = def.shape?.[seg];
    else if (def.type === 'array' && typeof seg === 'number') cur = def.element;
    else return undefined;
  }
  return cur;
}

/** The keys an object at `path` may have (for unknown-key problems). */
export function allowedKeysAt(root: z.ZodType, rootValue: unknown, path: FieldPath): string[] {
  const s = schemaAt(root, rootValue, path);
  const shape = s ? defOf(s).shape : undefined;
  return shape ? Object.keys(shape) : [];
}

/** A short human description of a schema: "a number", "{application: ...}", enum values. */
export function describeSchema(schema: z.ZodType): string {
  const s = unwrap(schema);
  const def = defOf(s);
  switch (def.type) {
    case 'object':
      return `{${Object.keys(def.shape ?? {}).join(', ')}}`;
    case 'union':
      return (def.options ?? []).map(describeSchema).join(' or ');
    case 'enum':
    case 'literal':
      return literalValues(s)
        .map((v) => String(v))
        .join(', ');
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    default:
      return def.type;
  }
}

/** The union schema at `path` (not resolved to one member), if there is one. */
function unionAt(root: z.ZodType, path: FieldPath): Def | undefined {
  let cur: z.ZodType | undefined = root;
  for (const seg of path) {
    if (!cur) return undefined;
    let def = defOf(unwrap(cur));
    if (def.type === 'union') {
      const picked = pickOption(def, undefined);
      if (!picked) return undefined;
      def = defOf(unwrap(picked));
    }
    if (def.type === 'object' && typeof seg === 'string') cur = def.shape?.[seg];
    else if (def.type === 'array' && typeof seg === 'number') cur = def.element;
    else return undefined;
  }
  if (!cur) return undefined;
  const def = defOf(unwrap(cur));
  return def.type === 'union' ? def : undefined;
}

/** The union member forms at `path`, described, if the schema there is a union. */
export function unionFormsAt(root: z.ZodType, path: FieldPath): string | undefined {
  const def = unionAt(root, path);
  return def ? (def.options ?? []).map(describeSchema).join(' or ') : undefined;
}

/** Every key any object member of the union at `path` allows. */
export function unionKeysAt(root: z.ZodType, path: FieldPath): string[] {
  const def = unionAt(root, path);
  return (def?.options ?? []).flatMap((o) => Object.keys(defOf(unwrap(o)).shape ?? {}));
}

/**
 * Turns zod issues into plan problems with the allowed values spelled out, and unknown keys into
 * "did you mean" suggestions.
 */
import type { z } from 'zod';
import type { RawProblem } from '../problem';
import { valueAt, type FieldPath } from './path';
import { allowedKeysAt, unionFormsAt, unionKeysAt } from './schema-walk';
import { closest, nearest } from './suggest';
import type { PlanFileKey } from '../files';

type Issue = z.core.$ZodIssue;

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  array: 'a list',
  object: 'a mapping of keys to values',
  boolean: 'true or false',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

function bound(inclusive: boolean | undefined, op: '>' | '<', n: unknown): string {
  return `${op}${inclusive === false ? '' : '='} ${String(n)}`;
}

interface Ctx {
  readonly file: PlanFileKey;
  readonly schema: z.ZodType;
  readonly root: unknown;
  /** Paths (JSON) of required keys that are absent: an unknown key next to one is likely it, misspelt. */
  readonly missing: ReadonlySet<string>;
}

function push(
  out: RawProblem[],
  ctx: Ctx,
  path: FieldPath,
  message: string,
  allowed?: string,
  withReceived = true,
): void {
  const received = valueAt(ctx.root, path);
  out.push({
    file: ctx.file,
    path,
    message,
    ...(withReceived && received !== undefined ? { received } : {}),
    ...(allowed !== undefined ? { allowed } : {}),
  });
}

/** One kind of zod issue. */
type IssueOf<C extends Issue['code']> = Extract<Issue, { readonly code: C }>;

/** Where an issue is: the output list, the context, the full path and the value found there. */
interface At {
  readonly out: RawProblem[];
  readonly ctx: Ctx;
  readonly path: FieldPath;
  readonly received: unknown;
}

function mapIssue(issue: Issue, prefix: FieldPath, ctx: Ctx, out: RawProblem[]): void {
  const path: FieldPath = [...prefix, ...(issue.path as (string | number)[])];
  const received = valueAt(ctx.root, path);
  const at: At = { out, ctx, path, received };
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeName(String(issue.expected));
      if (received === undefined) push(out, ctx, path, 'is required', expected);
      else push(out, ctx, path, `must be ${expected}`);
      return;
    }
    case 'too_small':
      return tooSmall(issue, at);
    case 'too_big':
      return tooBig(issue, at);
    case 'invalid_format': {
      if (issue.format === 'regex') push(out, ctx, path, `must be ${issue.message}`);
      else if (issue.format === 'email') push(out, ctx, path, 'must be an email address');
      else push(out, ctx, path, `must be a valid ${issue.format}`);
      return;
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      if (values.length === 1) push(out, ctx, path, `must be ${values[0]}`);
      else if (received === undefined) push(out, ctx, path, 'is required', values.join(', '));
      else push(out, ctx, path, 'is not one of the allowed values', values.join(', '));
      return;
    }
    case 'unrecognized_keys':
      return unrecognizedKeys(issue, at);
    case 'invalid_union':
      return invalidUnion(issue, at);
    default:
      push(out, ctx, path, issue.message.charAt(0).toLowerCase() + issue.message.slice(1));
  }
}

function tooSmall(issue: IssueOf<'too_small'>, { out, ctx, path }: At): void {
  const origin = String(issue.origin);
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (Number(issue.minimum) === 0 && issue.inclusive === false)
      push(out, ctx, path, 'must be a positive number', '> 0');
    else
      push(
        out,
        ctx,
        path,
        `must be at least ${String(issue.minimum)}`,
        bound(issue.inclusive, '>', issue.minimum),
      );
  } else if (origin === 'array' || origin === 'set') {
    const n = Number(issue.minimum);
    push(out, ctx, path, `must have at least ${n} item${n === 1 ? '' : 's'}`, undefined, false);
  } else if (origin === 'string' && Number(issue.minimum) === 1) {
    push(out, ctx, path, 'must not be empty', undefined, false);
  } else {
    push(out, ctx, path, `must be at least ${String(issue.minimum)} long`);
  }
}

function tooBig(issue: IssueOf<'too_big'>, { out, ctx, path, received }: At): void {
  const origin = String(issue.origin);
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    push(
      out,
      ctx,
      path,
      `must be at most ${String(issue.maximum)}`,
      bound(issue.inclusive, '<', issue.maximum),
    );
  } else if (origin === 'array' || origin === 'set') {
    const n = Number(issue.maximum);
    const len = Array.isArray(received) ? received.length : 0;
    push(out, ctx, path, `must have at most ${n} item${n === 1 ? '' : 's'} (has ${len})`, undefined, false);
  } else {
    push(out, ctx, path, `must be at most ${String(issue.maximum)} characters long`);
  }
}

/** Each unknown key, with the closest allowed key (or a missing required one) as a suggestion. */
function unrecognizedKeys(issue: IssueOf<'unrecognized_keys'>, { out, ctx, path }: At): void {
  const allowedKeys = allowedKeysAt(ctx.schema, ctx.root, path);
  const absent = allowedKeys.filter((k) => ctx.missing.has(JSON.stringify([...path, k])));
  for (const key of issue.keys) {
    const suggestion = closest(key, allowedKeys) ?? nearest(key, absent);
    out.push({
      file: ctx.file,
      path: [...path, key],
      message: suggestion ? `unknown key; did you mean "${suggestion}"?` : 'unknown key',
      ...(allowedKeys.length > 0 ? { allowed: allowedKeys.join(', ') } : {}),
    });
  }
}

/**
 * A value matching no branch of a union: the one branch it fits by its keys explains itself;
 * otherwise the allowed forms, with a suggestion for a stray key.
 */
function invalidUnion(issue: IssueOf<'invalid_union'>, { out, ctx, path, received }: At): void {
  const u = issue as Issue & { discriminator?: string; options?: unknown[] };
  if (u.discriminator !== undefined) {
    const opts = (u.options ?? []).map((o) => String(o)).join(', ');
    if (received === undefined) push(out, ctx, path, 'is required', opts);
    else push(out, ctx, path, 'is not one of the allowed values', opts);
    return;
  }
  const branches = issue.errors;
  if (received && typeof received === 'object' && !Array.isArray(received)) {
    const fitting = branches.filter(
      (b) => !b.some((i) => i.code === 'unrecognized_keys' && i.path.length === 0),
    );
    const only = fitting[0];
    if (fitting.length === 1 && only) {
      for (const i of only) mapIssue(i, path, ctx, out);
      return;
    }
  }
  const forms = unionFormsAt(ctx.schema, path);
  if (received === undefined) push(out, ctx, path, 'is required', forms);
  else if (forms && !forms.includes('{')) push(out, ctx, path, `must be ${forms}`);
  else {
    const keys = unionKeysAt(ctx.schema, path);
    const stray =
      typeof received === 'object' && received
        ? Object.keys(received).find((k) => !keys.includes(k))
        : undefined;
    const suggestion = stray === undefined ? undefined : closest(stray, keys);
    const hint = suggestion ? `; did you mean "${suggestion}" instead of "${stray}"?` : '';
    push(out, ctx, path, `does not match any allowed form${hint}`, forms);
  }
}

/** Runs `schema.safeParse(value)` and maps every issue to a problem. */
export function structureProblems<S extends z.ZodType>(
  file: PlanFileKey,
  schema: S,
  value: unknown,
): { data?: z.output<S>; problems: RawProblem[] } {
  const r = schema.safeParse(value);
  if (r.success) return { data: r.data, problems: [] };
  const out: RawProblem[] = [];
  const missing = new Set(
    r.error.issues
      .filter((i) => i.code === 'invalid_type' && valueAt(value, i.path as FieldPath) === undefined)
      .map((i) => JSON.stringify(i.path)),
  );
  const ctx: Ctx = { file, schema, root: value, missing };
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    out.push({
      file,
      path: [],
      message: 'must be a mapping of keys to values at the top level',
      received: value,
      allowed: unionFormsAt(schema, []) ?? describeTop(schema),
    });
    return { problems: out };
  }
  // A value of the wrong type also fails its length checks: report only the type.
  const typed = new Set(
    r.error.issues.filter((i) => i.code === 'invalid_type').map((i) => JSON.stringify(i.path)),
  );
  for (const issue of r.error.issues) {
    if (issue.code !== 'invalid_type' && typed.has(JSON.stringify(issue.path))) continue;
    mapIssue(issue, [], ctx, out);
  }
  return { problems: out };
}

function describeTop(schema: z.ZodType): string {
  return allowedKeysAt(schema, {}, []).join(', ');
}

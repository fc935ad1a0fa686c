import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { renderValue, type PlanProblem } from '../../plan/errors';
import { emptyRegister, type ComplianceRegister } from './register';
import { RegisterError } from './register-error';
import { ProductRegisterFileSchema, RegisterFileSchema } from './schema';

type Key = string | number;

function fieldPath(path: readonly Key[]): string {
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');
}

function locate(
  doc: Document.Parsed,
  lines: LineCounter,
  path: readonly Key[],
): { line: number; column: number } | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return undefined;
}

function valueAt(value: unknown, path: readonly Key[]): unknown {
  let v = value;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<Key, unknown>)[k] : undefined;
  return v;
}

/** Parses and validates register text; throws `RegisterError` listing every problem with file:line. */
export function parseRegister(
  file: string,
  text: string,
  kind: 'estate' | 'product' = 'estate',
): ComplianceRegister {
  const name = basename(file);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const pos = lines.linePos(yamlError.pos[0]);
    throw new RegisterError(
      [
        {
          file: name,
          line: pos.line,
          column: pos.col,
          path: '',
          message: `is not valid YAML: ${yamlError.message.split('\n')[0]}`,
        },
      ],
      file,
    );
  }
  const raw: unknown = doc.toJS();
  const parsed =
    kind === 'product'
      ? ProductRegisterFileSchema.transform(({ product, ...rest }) => ({
          ...rest,
          estate: product,
        })).safeParse(raw)
      : RegisterFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems: PlanProblem[] = parsed.error.issues.map((issue) => {
      const path = issue.path as Key[];
      const pos = locate(doc, lines, path);
      return {
        file: name,
        ...(pos ? { line: pos.line, column: pos.column } : {}),
        path: fieldPath(path),
        message:
          issue.code === 'invalid_type' && valueAt(raw, path) === undefined
            ? 'is required'
            : `must be ${issue.message}`,
        received: renderValue(valueAt(raw, path)),
      };
    });
    throw new RegisterError(problems, file);
  }
  const at = (path: Key[]) => {
    const pos = locate(doc, lines, path);
    return { file: name, line: pos?.line ?? 1, column: pos?.column ?? 1 };
  };
  return {
    file,
    kind,
    estate: parsed.data.estate,
    owner: parsed.data.owner,
    suppressions: parsed.data.suppressions.map((s, i) => ({ ...s, location: at(['suppressions', i]) })),
    disabledControls: parsed.data.disabledControls.map((c, i) => ({
      ...c,
      location: at(['disabledControls', i]),
    })),
  };
}

/** Reads the register file; a missing file is a `RegisterError` that names the path. */
export function loadRegister(file: string, kind: 'estate' | 'product' = 'estate'): ComplianceRegister {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new RegisterError(
      [
        {
          file,
          path: '',
          message: `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); create it or pass another register path`,
        },
      ],
      file,
    );
  }
  return parseRegister(file, text, kind);
}

/**
 * The plan folder's default register: an absent file means nothing is suppressed (every finding
 * counts). Only for the default location; an explicitly named register must exist.
 */
export function loadDefaultRegister(file: string, estate: string): ComplianceRegister {
  return existsSync(file) ? loadRegister(file) : emptyRegister(estate);
}

/** Where the product register lives: next to the compliance code, reviewed like code. */
export const PRODUCT_REGISTER_FILE = join(__dirname, '..', 'product-register.yaml');

/** The product register (acceptances that follow from the tool's design; applied to every estate). */
export function loadProductRegister(file: string = PRODUCT_REGISTER_FILE): ComplianceRegister {
  return loadRegister(file, 'product');
}

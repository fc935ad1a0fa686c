/**
 * ESLint rule `layers/imports-point-down`, configured in eslint.config.mjs. It checks, for every
 * relative import (package imports are not checked):
 * - across folders: an import may only point down the layers, and a capability folder may only
 *   import capability folders listed before it (so two capabilities can never import each other);
 * - inside a folder: no import cycle between the files of one folder (a capability folder such as
 *   `lib/cost`, with its subfolders; likewise `lib/cli`, `stacks`, ...), and no import of
 *   `<X>/private/...` from a file outside `<X>/`;
 * - optionally (`restrictedTypes`): a named export of a folder (the `Plan` type of lib/plan) may
 *   only be imported from a given layer up.
 *
 * The cycle check reads the imports of the file being linted from its syntax tree, and those of
 * the other files of its folder from disk (parsed once per process with the configured parser,
 * cached by modification time), so it needs no whole-program pass and sees unsaved editor text.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Path relative to `root` with forward slashes, or undefined outside it. */
function rootPath(root, absolute) {
  const rel = relative(root, absolute);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep).join('/');
}

/** The folder a path belongs to for the layer rules: `lib/<name>` under lib/, else its first part. */
function folderOf(path) {
  const parts = path.split('/');
  return parts[0] === 'lib' && parts.length >= 2 ? `lib/${parts[1]}` : parts[0];
}

/**
 * The layer a path belongs to: `{ rank, name, capability }`, or undefined for paths the rule does
 * not govern (tests, scripts). `layers` lists folder prefixes bottom to top; the entry `lib/*`
 * stands for every other folder under lib/ (the capability folders).
 */
function layerOf(path, layers) {
  const folder = folderOf(path);
  const exact = layers.indexOf(folder);
  if (exact >= 0) return { rank: exact, name: folder, capability: false };
  if (path.startsWith('lib/') && path.split('/').length >= 2)
    return { rank: layers.indexOf('lib/*'), name: folder, capability: true };
  return undefined;
}

/**
 * The folders whose `private/` a path lies in (`lib/cost/focus` for `lib/cost/focus/private/x`),
 * outermost first.
 */
function privateOwners(path) {
  const parts = path.split('/');
  return parts.flatMap((part, i) => (part === 'private' ? [parts.slice(0, i).join('/')] : []));
}

/** The .ts file a relative specifier names (`./x` -> x.ts or x/index.ts), or undefined. */
function resolveModule(fromFile, specifier) {
  const base = resolve(dirname(fromFile), specifier.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, join(base, 'index.ts')])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** Relative specifiers a module's top-level statements import or re-export (type-only included). */
function importSpecifiers(program) {
  const out = [];
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'ImportExpression' && node.source?.type === 'Literal') out.push(node.source.value);
    if (
      (node.type === 'ImportDeclaration' ||
        node.type === 'ExportNamedDeclaration' ||
        node.type === 'ExportAllDeclaration') &&
      node.source
    )
      out.push(node.source.value);
    if (node.type === 'TSImportEqualsDeclaration' && node.moduleReference?.expression)
      out.push(node.moduleReference.expression.value);
    for (const key of Object.keys(node))
      if (key !== 'parent' && key !== 'loc' && key !== 'range') visit(node[key]);
  };
  visit(program.body);
  return out.filter((s) => typeof s === 'string' && s.startsWith('.'));
}

/** Imports of files on disk, parsed once per modification. */
const diskImports = new Map();
function importsOnDisk(file, parser) {
  const mtime = statSync(file).mtimeMs;
  const cached = diskImports.get(file);
  if (cached && cached.mtime === mtime) return cached.targets;
  const text = readFileSync(file, 'utf8');
  const options = { sourceType: 'module', ecmaVersion: 'latest', range: false, loc: false, filePath: file };
  const program = parser.parseForESLint
    ? parser.parseForESLint(text, options).ast
    : parser.parse(text, options);
  const targets = importSpecifiers(program)
    .map((s) => resolveModule(file, s))
    .filter((t) => t !== undefined);
  diskImports.set(file, { mtime, targets });
  return targets;
}

/**
 * A path of files from `start` back to `file` through imports inside `inFolder` (the import cycle
 * closed by `file` importing `start`), or undefined. Depth-first; each file visited once.
 */
function cycleThrough(file, start, inFolder, importsOf) {
  const seen = new Set();
  const walk = (at) => {
    if (at === file) return [at];
    if (seen.has(at)) return undefined;
    seen.add(at);
    for (const next of importsOf(at)) {
      if (!inFolder(next)) continue;
      const rest = walk(next);
      if (rest) return [at, ...rest];
    }
    return undefined;
  };
  return walk(start);
}

export const importsPointDown = {
  meta: {
    type: 'problem',
    docs: {
      description:
        'Imports only point down the layers; capability folders import only those before them; no cycle inside a folder; no reaching into another folder\u2019s private/',
    },
    schema: [
      {
        type: 'object',
        properties: {
          layers: { type: 'array', items: { type: 'string' } },
          capabilities: { type: 'array', items: { type: 'string' } },
          root: { type: 'string' },
          restrictedTypes: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                from: { type: 'string' },
                lowestLayer: { type: 'string' },
                exempt: { type: 'array', items: { type: 'string' } },
                reason: { type: 'string' },
              },
              required: ['name', 'from', 'lowestLayer', 'reason'],
              additionalProperties: false,
            },
          },
        },
        required: ['layers', 'capabilities'],
        additionalProperties: false,
      },
    ],
    messages: {
      up: '{{from}} may not import {{to}}: imports only point down ({{order}}). Move what is needed down, e.g. into lib/shared.',
      capability:
        '{{from}} may not import {{to}}: a capability folder imports only the capability folders listed before it in eslint.config.mjs ({{order}}), so two never import each other. Move the shared part down.',
      private:
        '{{from}} may not import {{to}}: only files inside {{owner}}/ may import its private/ folder. Import what {{owner}} exports, or move the shared code to a module outside private/.',
      cycle:
        'Import cycle inside {{folder}}: {{cycle}}. Move what both sides need into a module that neither imports back.',
      restricted: '{{from}} may not import {{name}} from {{module}}: {{reason}}',
    },
  },
  create(context) {
    const { layers, capabilities, root = REPO_ROOT, restrictedTypes = [] } = context.options[0];
    const file = rootPath(root, context.filename);
    const from = file === undefined ? undefined : layerOf(file, layers);
    if (!from) return {};
    const capabilityIndex = (name) => {
      const i = capabilities.indexOf(name);
      return i < 0 ? capabilities.length : i;
    };
    const parser = context.languageOptions.parser;
    const current = resolve(context.filename);
    let currentTargets;
    const inFolder = (abs) => {
      const p = rootPath(root, abs);
      return p !== undefined && folderOf(p) === from.name;
    };
    const importsOf = (abs) => (abs === current ? currentTargets : importsOnDisk(abs, parser));

    function checkCycle(node, targetAbs) {
      if (!inFolder(targetAbs) || targetAbs === current) return;
      currentTargets ??= importSpecifiers(context.sourceCode.ast)
        .map((s) => resolveModule(context.filename, s))
        .filter((t) => t !== undefined);
      const path = cycleThrough(current, targetAbs, inFolder, importsOf);
      if (!path) return;
      const cycle = [current, ...path].map((p) => rootPath(root, p)).join(' -> ');
      context.report({ node, messageId: 'cycle', data: { folder: from.name, cycle } });
    }

    function checkRestricted(node, target, to) {
      for (const r of restrictedTypes) {
        if (to.name !== r.from || from.name === r.from || (r.exempt ?? []).includes(from.name)) continue;
        if (from.rank >= layers.indexOf(r.lowestLayer)) continue;
        const names = (node.specifiers ?? []).map((s) => (s.imported ?? s.local)?.name);
        if (!names.includes(r.name)) continue;
        context.report({
          node,
          messageId: 'restricted',
          data: { from: file, name: r.name, module: target, reason: r.reason },
        });
      }
    }

    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const targetAbs = resolve(dirname(context.filename), source.value);
      const target = rootPath(root, targetAbs);
      const to = target === undefined ? undefined : layerOf(target, layers);
      if (!to) return;
      const owner = privateOwners(target).find((o) => !file.startsWith(`${o}/`));
      if (owner !== undefined) {
        context.report({ node, messageId: 'private', data: { from: file, to: target, owner } });
      }
      checkRestricted(node, target, to);
      if (to.name === from.name) {
        const resolved = resolveModule(context.filename, source.value);
        if (resolved) checkCycle(node, resolved);
        return;
      }
      if (to.rank > from.rank) {
        context.report({
          node,
          messageId: 'up',
          data: { from: from.name, to: to.name, order: layers.join(' -> ') },
        });
      } else if (from.capability && to.capability && capabilityIndex(to.name) >= capabilityIndex(from.name)) {
        context.report({
          node,
          messageId: 'capability',
          data: { from: from.name, to: to.name, order: capabilities.join(', ') },
        });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      TSImportEqualsDeclaration: (node) => check(node, node.moduleReference?.expression),
    };
  },
};

/**
 * `meta.version` is a hash of this file: ESLint's cache (`npm run lint` keeps one in .cache/eslint/)
 * hashes the config with each plugin's name and version, so editing the rule lints every file again.
 */
export default {
  meta: {
    name: 'layers',
    version: createHash('sha256')
      .update(readFileSync(fileURLToPath(import.meta.url)))
      .digest('hex')
      .slice(0, 16),
  },
  rules: { 'imports-point-down': importsPointDown },
};

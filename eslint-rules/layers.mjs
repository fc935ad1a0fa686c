/**
 * ESLint rule `layers/imports-point-down`: an import may only point down the layers given in
 * eslint.config.mjs, and a capability folder may only import capability folders listed before it
 * (so two capabilities can never import each other). Relative imports are resolved against the
 * importing file; package imports are not checked.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** Repo-relative path with forward slashes, or undefined outside the repository. */
function repoPath(absolute) {
  const rel = relative(ROOT, absolute);
  if (rel.startsWith('..') || rel === '') return undefined;
  return rel.split(sep).join('/');
}

/**
 * The layer a path belongs to: `{ rank, name, capability }`, or undefined for paths the rule does
 * not govern (tests, scripts). `layers` lists folder prefixes bottom to top; the entry `lib/*`
 * stands for every other folder under lib/ (the capability folders).
 */
function layerOf(path, layers) {
  const parts = path.split('/');
  const folder = parts[0] === 'lib' && parts.length >= 2 ? `lib/${parts[1]}` : parts[0];
  const exact = layers.indexOf(folder);
  if (exact >= 0) return { rank: exact, name: folder, capability: false };
  if (parts[0] === 'lib' && parts.length >= 2)
    return { rank: layers.indexOf('lib/*'), name: folder, capability: true };
  return undefined;
}

export const importsPointDown = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Imports only point down the layers; capability folders import only those before them',
    },
    schema: [
      {
        type: 'object',
        properties: {
          layers: { type: 'array', items: { type: 'string' } },
          capabilities: { type: 'array', items: { type: 'string' } },
        },
        required: ['layers', 'capabilities'],
        additionalProperties: false,
      },
    ],
    messages: {
      up: '{{from}} may not import {{to}}: imports only point down ({{order}}). Move what is needed down, e.g. into lib/shared.',
      capability:
        '{{from}} may not import {{to}}: a capability folder imports only the capability folders listed before it in eslint.config.mjs ({{order}}), so two never import each other. Move the shared part down.',
    },
  },
  create(context) {
    const { layers, capabilities } = context.options[0];
    const file = repoPath(context.filename);
    const from = file === undefined ? undefined : layerOf(file, layers);
    if (!from) return {};
    const capabilityIndex = (name) => {
      const i = capabilities.indexOf(name);
      return i < 0 ? capabilities.length : i;
    };
    function check(node, source) {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = repoPath(resolve(dirname(context.filename), source.value));
      const to = target === undefined ? undefined : layerOf(target, layers);
      if (!to || to.name === from.name) return;
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

export default { rules: { 'imports-point-down': importsPointDown } };

// Runs ESLint's Node API (jest cannot load an ES module config in-process). Reads a JSON list of
// runs on stdin (several in one process: loading ESLint and the parser costs seconds), each
// {"texts": [{"filePath", "text"}], "files": [globs]} linted with the project's own
// eslint.config.mjs; with "fixtureRoot" (a folder relative to the repository) it lints that folder's
// files with the layer rule alone, its `root` set to the folder and the project's layer options
// merged with "ruleOptions" (`{"restrictedTypes": "none"}` takes the Plan option out, to show it is what fires).
// The project's own runs use the cache of `npm run lint` (.cache/eslint/), which `npm test` fills
// just before jest: a file linted since it last changed is answered from it.
// Writes, for each run, [{"filePath", "messages": [{"ruleId", "message"}]}]: a JSON list on stdout.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import layers from '../../../eslint-rules/layers.mjs';
import { LAYER_OPTIONS, PLAN_ONLY_FROM_APP } from '../../../eslint.config.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const input = JSON.parse(readFileSync(0, 'utf8'));

function fixtureLinter(fixtureRoot, ruleOptions = {}) {
  const options = { ...LAYER_OPTIONS, root: fixtureRoot };
  if (ruleOptions.restrictedTypes === 'PLAN_ONLY_FROM_APP') options.restrictedTypes = [PLAN_ONLY_FROM_APP];
  if (ruleOptions.restrictedTypes === 'none') delete options.restrictedTypes;
  return new ESLint({
    cwd: fixtureRoot,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.ts'],
        languageOptions: { parser: tseslint.parser },
        plugins: { layers },
        rules: { 'layers/imports-point-down': ['error', options] },
      },
    ],
  });
}

async function lintRun(run) {
  const eslint = run.fixtureRoot
    ? fixtureLinter(join(root, run.fixtureRoot), run.ruleOptions)
    : new ESLint({
        cwd: root,
        cache: true,
        cacheLocation: join(root, '.cache', 'eslint') + '/',
        cacheStrategy: 'content',
      });
  const base = run.fixtureRoot ? join(root, run.fixtureRoot) : root;
  const results = [];
  for (const { filePath, text } of run.texts ?? [])
    results.push(...(await eslint.lintText(text, { filePath: join(base, filePath) })));
  if (run.files?.length) results.push(...(await eslint.lintFiles(run.files)));
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })),
  }));
}

const outputs = [];
for (const run of input) outputs.push(await lintRun(run));
process.stdout.write(JSON.stringify(outputs));

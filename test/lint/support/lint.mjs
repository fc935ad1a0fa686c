// Runs ESLint's Node API with the project's own eslint.config.mjs (jest cannot load an ES module
// config in-process). Reads {"texts": [{"filePath", "text"}], "files": [globs]} as JSON on stdin;
// writes [{"filePath", "messages": [{"ruleId", "message"}]}] as JSON on stdout.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const input = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({ cwd: root });
const results = [];
for (const { filePath, text } of input.texts ?? [])
  results.push(...(await eslint.lintText(text, { filePath: join(root, filePath) })));
if (input.files?.length) results.push(...(await eslint.lintFiles(input.files)));
process.stdout.write(
  JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      messages: r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })),
    })),
  ),
);

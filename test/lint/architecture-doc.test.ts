/**
 * docs/architecture.md's layer list is the layer rule's: the layers line and the capability list
 * in its "Layout" block equal LAYERS and CAPABILITIES in eslint.config.mjs, and every folder under
 * lib/ is one of them (an unlisted capability could not be imported by another).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function layerConfig(): { layers: string[]; capabilities: string[] } {
  const run = spawnSync(process.execPath, [join(__dirname, 'support', 'layer-config.mjs')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`layer-config.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as { layers: string[]; capabilities: string[] };
}

/** The first fenced block after "## Layout": its layers line and its capability list. */
function documented(): { layers: string[]; capabilities: string[] } {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8');
  const layout = doc.slice(doc.indexOf('## Layout'));
  const block = /```\n([\s\S]*?)```/.exec(layout)?.[1] ?? '';
  const [layersLine = '', heading = '', ...rest] = block.trim().split('\n');
  expect(heading).toMatch(/^capabilities, each importing only those before it/);
  return {
    layers: layersLine
      .split(' -> ')
      .map((l) => l.trim().replace(/\/$/, ''))
      .map((l) => (l === 'capabilities' ? 'lib/*' : l)),
    capabilities: rest
      .join(' ')
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c !== ''),
  };
}

describe('docs/architecture.md layer list', () => {
  const config = layerConfig();
  const doc = documented();

  test('the layers line equals LAYERS in eslint.config.mjs', () => {
    expect(doc.layers).toEqual(config.layers);
  });

  test('the capability list equals CAPABILITIES in eslint.config.mjs, in order, once each', () => {
    expect(doc.capabilities).toEqual(config.capabilities);
    expect(new Set(config.capabilities).size).toBe(config.capabilities.length);
  });

  test('every folder under lib/ is a layer or a listed capability', () => {
    const folders = readdirSync(join(ROOT, 'lib'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `lib/${d.name}`);
    const unlisted = folders.filter((f) => !config.layers.includes(f) && !config.capabilities.includes(f));
    expect(unlisted).toEqual([]);
  });
});

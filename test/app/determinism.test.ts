import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildEstateApp } from '../../lib/app';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { testApp } from './support/cdk-app';

function synthTemplates(): { dir: string; files: Map<string, string> } {
  const input = minimalPlanInput();
  input.estate.network.hybridLink = { type: 'transit-gateway', transitGatewayId: 'tgw-0123456789abcdef0' };
  const app = testApp('n-determinism');
  buildEstateApp(app, buildPlan(input));
  const dir = app.synth().directory;
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.template.json'))
    .sort()) {
    files.set(name, readFileSync(join(dir, name), 'utf8'));
  }
  return { dir, files };
}

test('two synths of the same plan give byte-identical templates', () => {
  const first = synthTemplates();
  const second = synthTemplates();
  expect(first.dir).not.toBe(second.dir);
  expect([...first.files.keys()]).toEqual(
    expect.arrayContaining(['Testshire-Keys.template.json', 'Testshire-Network.template.json']),
  );
  expect([...second.files.keys()]).toEqual([...first.files.keys()]);
  for (const [name, text] of first.files) {
    expect(second.files.get(name) === text).toBe(true);
  }
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildEstateApp, formatSynthSummary, summarizeAssembly, type SynthSummary } from '../../lib/app';
import { buildPlan } from '../support/plan-builder';
import { testApp } from './support/cdk-app';

describe('summarizeAssembly on a real cloud assembly', () => {
  let summary: SynthSummary;
  let dir: string;
  let keysTemplate: Template;
  beforeAll(() => {
    const app = testApp('n-summary');
    buildEstateApp(app, buildPlan());
    dir = app.synth().directory;
    keysTemplate = Template.fromJSON(
      JSON.parse(readFileSync(join(dir, 'Testshire-Keys.template.json'), 'utf8')) as object,
    );
    summary = summarizeAssembly((file) => readFileSync(join(dir, file), 'utf8'));
  });

  test('lists every stack sorted by name with counts that match the templates', () => {
    const names = summary.stacks.map((s) => s.stackName);
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Testshire-Keys', 'Testshire-Network']));
    const keys = summary.stacks.find((s) => s.stackName === 'Testshire-Keys');
    const json = keysTemplate.toJSON() as { Resources: object; Outputs?: object };
    expect(keys?.resources).toBe(Object.keys(json.Resources).length);
    expect(keys?.outputs).toBe(Object.keys(json.Outputs ?? {}).length);
    expect(keys?.resourceTypes['AWS::KMS::Key']).toBe(12);
    expect(keys?.environment).toBe('aws://123456789012/eu-west-2');
    expect(keys?.templateBytes).toBe(
      Buffer.byteLength(readFileSync(join(dir, 'Testshire-Keys.template.json'))),
    );
    expect(summary.totalResources).toBe(summary.stacks.reduce((n, s) => n + s.resources, 0));
  });

  test('formats an aligned table with a total line', () => {
    const text = formatSynthSummary(summary);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Stack\s+Resources\s+Outputs\s+Template$/);
    expect(lines).toHaveLength(summary.stacks.length + 2);
    expect(lines.at(-1)).toMatch(new RegExp(`^Total\\s+${summary.totalResources}\\s+\\d+\\.\\d KiB$`));
    expect(text).toMatch(/Testshire-Keys\s+\d+\s+\d+\s+\d+\.\d KiB/);
  });
});

describe('summarizeAssembly errors', () => {
  test('a broken manifest says which file and what to do', () => {
    expect(() => summarizeAssembly(() => '{not json')).toThrow(
      /^Cloud assembly file manifest\.json is not valid JSON .*; synthesize again$/,
    );
  });

  test('a stack without a template file is named', () => {
    const manifest = JSON.stringify({
      artifacts: { Foo: { type: 'aws:cloudformation:stack', properties: {} } },
    });
    expect(() => summarizeAssembly(() => manifest)).toThrow(
      'Cloud assembly stack Foo names no template file in manifest.json',
    );
  });
});

/**
 * The Control Tower plugin's cache: a template checked before (same text, validator version and
 * disabled controls) is not checked again; changed templates are checked together in one run,
 * and each template's violations are stored and returned separately; a damaged entry is checked
 * again, not a failed synth.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IPolicyValidationContext, PolicyViolation } from 'aws-cdk-lib';
import {
  CachedControlTowerValidator,
  emptyRegister,
  type ControlTowerCache,
  type ControlTowerRunner,
} from '../../lib/compliance';
import { tempDir } from '../app/support/cdk-app';

function violation(rule: string, ...resources: [string, string][]): PolicyViolation {
  return {
    ruleName: rule,
    description: `[CT.X.PR.1]: ${rule}`,
    violatingResources: resources.map(([templatePath, resourceLogicalId]) => ({
      templatePath,
      resourceLogicalId,
      locations: [],
    })),
  };
}

describe('CachedControlTowerValidator', () => {
  const dir = tempDir('n-ct-cache');
  mkdirSync(dir, { recursive: true });
  const a = join(dir, 'A.template.json');
  const b = join(dir, 'B.template.json');
  writeFileSync(a, '{"Resources":{"Ra":{}}}');
  writeFileSync(b, '{"Resources":{"Rb":{}}}');
  const store = new Map<string, string>();
  const cache: ControlTowerCache = { get: (k) => store.get(k), put: (k, t) => void store.set(k, t) };
  const runs: string[][] = [];
  const runner: ControlTowerRunner = (paths) => {
    runs.push([...paths]);
    // One violation spanning both templates, as a batched cfn-guard run may report.
    return {
      success: false,
      violations: [
        violation(
          'ct_rule',
          ...paths.map((p): [string, string] => [p, `R${p.split('/').pop()![0]!.toLowerCase()}`]),
        ),
      ],
    };
  };
  const context = (paths: string[]) => ({ templatePaths: paths }) as unknown as IPolicyValidationContext;
  const plugin = () => new CachedControlTowerValidator({ register: emptyRegister('x'), cache, runner });

  test('the first run checks every template once, in one batch, and stores each separately', () => {
    const report = plugin().validate(context([a, b]));
    expect(runs).toEqual([[a, b]]);
    expect(store.size).toBe(2);
    expect(report.success).toBe(false);
    expect(
      report.violations.map((v) => v.violatingResources.map((r) => [r.templatePath, r.resourceLogicalId])),
    ).toEqual([[[a, 'Ra']], [[b, 'Rb']]]);
  });

  test('unchanged templates cost nothing; a changed one alone is checked again', () => {
    runs.length = 0;
    const again = plugin().validate(context([a, b]));
    expect(runs).toEqual([]);
    expect(again.violations).toHaveLength(2);
    expect(again.violations[0]!.violatingResources[0]!.templatePath).toBe(a);
    writeFileSync(b, '{"Resources":{"Rb":{"Type":"AWS::S3::Bucket"}}}');
    const progress: string[] = [];
    const telling = () =>
      new CachedControlTowerValidator({
        register: emptyRegister('x'),
        cache,
        runner,
        progress: (l) => progress.push(l),
      });
    telling().validate(context([a, b]));
    expect(runs).toEqual([[b]]);
    expect(progress).toEqual([
      'Control Tower controls (cfn-guard): checking 1 of 2 templates (the others are unchanged since they were last checked)...',
    ]);
    telling().validate(context([a, b]));
    expect(progress).toHaveLength(1); // nothing to check: nothing said
  });

  test('disabling a control changes every key', () => {
    runs.length = 0;
    const register = {
      ...emptyRegister('x'),
      disabledControls: [{ control: 'ct-s3-pr-1', reason: 'r', location: { file: 'f', line: 1, column: 1 } }],
    } as unknown as ReturnType<typeof emptyRegister>;
    new CachedControlTowerValidator({ register, cache, runner }).validate(context([a, b]));
    expect(runs).toEqual([[a, b]]);
  });

  test('a damaged entry (cut short, or not a list of violations) is checked again and written over', () => {
    runs.length = 0;
    plugin().validate(context([a, b]));
    expect(runs).toEqual([]);
    const [keyA, keyB] = [a, b].map((p) => plugin().keyOf(readFileSync(p, 'utf8')));
    const whole = store.get(keyA!)!;
    store.set(keyA!, whole.slice(0, whole.length - 5));
    store.set(keyB!, '{"violations":[]}');
    const report = plugin().validate(context([a, b]));
    expect(runs).toEqual([[a, b]]);
    expect(report.violations.map((v) => v.violatingResources[0]!.templatePath)).toEqual([a, b]);
    expect(store.get(keyA!)).toBe(whole);
    expect(JSON.parse(store.get(keyB!)!)).toHaveLength(1);
  });
});

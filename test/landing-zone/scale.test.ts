/**
 * 1,000 servers and 150 databases in 10 waves: every stack stays within the estate's limits
 * (400 resources, 200 outputs, 1 MB). Template validation is switched off for speed here (the
 * Peterborough tests keep it on); the synth time is printed, not asserted. The assembly is shared
 * with later runs (sharedAssembly) until any source or this file changes.
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildEstateApp } from '../../lib/app';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { sharedAssembly } from '../support/shared-assembly';
import { generatedPlan } from './support/generated-plan';

type Json = Record<string, unknown>;

describe('1,000 servers and 150 databases in 10 waves', () => {
  const plan = generatedPlan({
    servers: 1000,
    databases: 150,
    waves: 10,
    applications: 30,
    crowdedServers: 200,
  });
  const stats: { name: string; resources: number; outputs: number; bytes: number }[] = [];
  let instances = 0;
  let databases = 0;
  let seconds = 0;

  beforeAll(() => {
    const previous = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = 'false';
    try {
      const started = process.hrtime.bigint();
      // Synthesized once per source tree (and this file's text), then read from the shared cache.
      const dir = sharedAssembly({ name: 'scale-1000', testFile: __filename }, () => {
        const app = new App({ context: cdkJsonContext(), outdir: tempDir('l-scale') });
        buildEstateApp(app, plan);
        return app.synth().directory;
      });
      const assembly = new CloudAssembly(dir);
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      for (const stack of assembly.stacks) {
        const template = stack.template as Json;
        const resources = Object.values(template.Resources as Record<string, { Type: string }>);
        instances += resources.filter((r) => r.Type === 'AWS::EC2::Instance').length;
        databases += resources.filter((r) => r.Type === 'AWS::RDS::DBInstance').length;
        stats.push({
          name: stack.stackName,
          resources: resources.length,
          outputs: Object.keys((template.Outputs ?? {}) as Json).length,
          bytes: Buffer.byteLength(JSON.stringify(template)),
        });
      }
    } finally {
      if (previous === undefined) delete process.env.CDK_VALIDATION;
      else process.env.CDK_VALIDATION = previous;
    }
    const largest = [...stats].sort((a, b) => b.resources - a.resources)[0]!;
    console.log(
      `scale: ${stats.length} stacks, ${instances} instances, ${databases} databases synthesized (or read from .cache/test-assemblies) in ${seconds.toFixed(1)} s; ` +
        `largest ${largest.name} ${largest.resources} resources, ${(Math.max(...stats.map((s) => s.bytes)) / 1024).toFixed(0)} KiB max template, ` +
        `${Math.max(...stats.map((s) => s.outputs))} outputs max`,
    );
  });

  test('every landing-zone server and database was built', () => {
    const lzServers = plan.servers.filter((s) => s.strategy !== 'retire').length;
    expect(instances).toBe(lzServers);
    expect(databases).toBe(150);
  });

  test('no stack exceeds 400 resources, 200 outputs or 1 MB', () => {
    const over = stats.filter((s) => s.resources > 400 || s.outputs > 200 || s.bytes > 1024 * 1024);
    expect(over).toEqual([]);
  });

  test('the crowded application was split into parts', () => {
    const parts = stats.filter((s) => /-Wave01-Wave01-App01(-Part\d+)?$/.test(s.name));
    expect(parts.length).toBeGreaterThan(1);
  });
});

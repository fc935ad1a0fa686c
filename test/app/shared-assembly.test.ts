/**
 * The test helper that shares synthesized assemblies (test/support/shared-assembly.ts): a second
 * caller with the same key reads the first one's folder without synthesizing; another name, or
 * another CDK_* environment (CDK_VALIDATION changes what a synth writes), synthesizes afresh, and
 * a synth that throws leaves nothing for the next caller to read.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_ASSEMBLY_DIR, sharedAssembly } from '../support/shared-assembly';
import { tempDir } from './support/cdk-app';

/** A stand-in for a synth: writes a folder holding `text`, counting how often it runs. */
function fakeSynth(text: string, calls: { n: number }): () => string {
  return () => {
    calls.n += 1;
    const dir = tempDir('shared-assembly-self-test');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), text);
    return dir;
  };
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

describe('sharedAssembly', () => {
  // A name unique to this run, so an earlier run's folder cannot answer the first call.
  const name = `self-test-${randomUUID().slice(0, 8)}`;

  test('synthesizes once for a key; a second caller reads the same folder', () => {
    const calls = { n: 0 };
    const first = sharedAssembly({ name, testFile: __filename }, fakeSynth('one', calls));
    created.push(first);
    const second = sharedAssembly({ name, testFile: __filename }, fakeSynth('two', calls));
    expect(calls.n).toBe(1);
    expect(second).toBe(first);
    expect(first.startsWith(SHARED_ASSEMBLY_DIR)).toBe(true);
    expect(readFileSync(join(second, 'manifest.json'), 'utf8')).toBe('one');
  });

  test('another name synthesizes afresh', () => {
    const calls = { n: 0 };
    const other = sharedAssembly({ name: `${name}-other`, testFile: __filename }, fakeSynth('other', calls));
    created.push(other);
    expect(calls.n).toBe(1);
    expect(readFileSync(join(other, 'manifest.json'), 'utf8')).toBe('other');
  });

  test('another CDK_* environment synthesizes afresh', () => {
    const calls = { n: 0 };
    const previous = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = previous === 'false' ? 'true' : 'false';
    try {
      const dir = sharedAssembly({ name, testFile: __filename }, fakeSynth('validation', calls));
      created.push(dir);
      expect(calls.n).toBe(1);
      expect(readFileSync(join(dir, 'manifest.json'), 'utf8')).toBe('validation');
    } finally {
      if (previous === undefined) delete process.env.CDK_VALIDATION;
      else process.env.CDK_VALIDATION = previous;
    }
  });

  test('a synth that throws leaves nothing behind: the next caller synthesizes', () => {
    const failing = `${name}-failing`;
    expect(() =>
      sharedAssembly({ name: failing, testFile: __filename }, () => {
        throw new Error('synth failed');
      }),
    ).toThrow('synth failed');
    const calls = { n: 0 };
    const dir = sharedAssembly({ name: failing, testFile: __filename }, fakeSynth('retry', calls));
    created.push(dir);
    expect(calls.n).toBe(1);
  });
});

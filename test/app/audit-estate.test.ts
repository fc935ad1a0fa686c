/**
 * `npm run audit`'s one pass (auditEstate) on a small plan, for real: the tree is built with every
 * pack and synthesized once in this process into the audit's own working folder, and the report
 * is written from that synth. The working folder holds what the audit reads (templates, the
 * validation report) but no tree.json: nothing browses the audit's construct tree, and writing it
 * costs about 1.4 CPU s at 1,000 servers.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auditEstate, synthesizeApp, type EstateAuditSystem } from '../../lib/app';
import { cdkJsonContext, PROJECT_ROOT, tempDir } from './support/cdk-app';

const NOW = new Date('2026-11-15T12:00:00Z');

describe('the audit on a small plan', () => {
  const work = tempDir('n-audit-estate');
  const outdir = join(work, 'cdk.out.audit');
  let code = -1;

  beforeAll(() => {
    const system: EstateAuditSystem = {
      readFile: (p) => readFileSync(p, 'utf8'),
      writeFile: (p, t) => writeFileSync(p, t),
      exists: (p) => existsSync(p),
      makeDir: (p) => void mkdirSync(p, { recursive: true }),
      removeDir: (p) => rmSync(p, { recursive: true, force: true }),
      synth: synthesizeApp,
    };
    ({ code } = auditEstate(
      system,
      {
        cwd: work,
        planDir: join(PROJECT_ROOT, 'test', 'fixtures', 'plans', 'valid-small'),
        context: cdkJsonContext(),
        outdir,
        reportDir: join(work, 'reports'),
        now: NOW,
        controlTower: false,
      },
      () => undefined,
    ));
  }, 300_000);

  test('synthesizes the templates and the validation report it reads, and writes the report', () => {
    expect(code).not.toBe(2);
    expect(readdirSync(outdir).filter((f) => f.endsWith('.template.json')).length).toBeGreaterThan(5);
    expect(existsSync(join(outdir, 'validation-report.json'))).toBe(true);
    expect(existsSync(join(work, 'reports', 'findings.json'))).toBe(true);
  });

  test('leaves the construct tree (tree.json) out of its working folder', () => {
    expect(existsSync(join(outdir, 'tree.json'))).toBe(false);
  });
});

/**
 * `images refresh` with the real @aws-sdk/client-ssm against a local SSM endpoint on 127.0.0.1
 * speaking JSON 1.1 (POST /, X-Amz-Target: AmazonSSM.GetParameters).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { BASE_IMAGE_PARAMETERS } from '../../lib/images';
import { loadPlan } from '../../lib/plan';
import { captureIo } from '../cli/capture-io';
import { startFakeSsm, type FakeSsm } from '../support/fake-ssm';

const values: Record<string, string> = {
  [BASE_IMAGE_PARAMETERS['windows-server-2022']!]: 'ami-0aaaaaaaaaaaaaaa1',
  [BASE_IMAGE_PARAMETERS['ubuntu-22.04']!]: 'ami-0bbbbbbbbbbbbbbb2',
  [BASE_IMAGE_PARAMETERS['ubuntu-24.04']!]: 'ami-0ccccccccccccccc3',
};
let ssm: FakeSsm;

beforeAll(async () => {
  ssm = await startFakeSsm(values);
});
afterAll(() => ssm.close());

function copyPlan(): string {
  const dir = mkdtempSync(join(tmpdir(), 'images-'));
  cpSync('migration-plans/peterborough', dir, { recursive: true });
  rmSync(join(dir, 'image-lock.yaml'));
  return dir;
}

async function refresh(dir: string, ...extra: string[]) {
  const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
  const code = await runCli(['images', 'refresh', '--plan', dir, '--endpoint', ssm.endpoint, ...extra], io);
  return { code, out: io.out(), err: io.err() };
}

test('without a lock the plan is a problem naming the unpinned images; refresh pins them; re-run is a no-op', async () => {
  const dir = copyPlan();
  try {
    const bad = captureIo();
    expect(await runCli(['plan', 'validate', '--plan', dir], bad)).toBe(2);
    expect(bad.err()).toContain('image.baseImage: is not pinned for eu-west-2 in image-lock.yaml');

    ssm.throttle(1);
    const r = await refresh(dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(ssm.targets.filter((t) => t === 'AmazonSSM.GetParameters').length).toBeGreaterThanOrEqual(2);
    expect(r.out).toContain('added        windows-server-2022  ami-0aaaaaaaaaaaaaaa1');
    const plan = loadPlan(dir);
    expect(plan.imageLock.map((e) => [e.baseImage, e.imageId, e.resolvedOn])).toEqual([
      ['ubuntu-22.04', 'ami-0bbbbbbbbbbbbbbb2', '2027-01-15'],
      ['ubuntu-24.04', 'ami-0ccccccccccccccc3', '2027-01-15'],
      ['windows-server-2022', 'ami-0aaaaaaaaaaaaaaa1', '2027-01-15'],
    ]);
    const before = readFileSync(join(dir, 'image-lock.yaml'), 'utf8');
    const again = await refresh(dir);
    expect(again.out).toContain('is up to date');
    expect(readFileSync(join(dir, 'image-lock.yaml'), 'utf8')).toBe(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--dry-run shows a changed image and writes nothing; hand-pinned entries are kept', async () => {
  const dir = copyPlan();
  try {
    writeFileSync(
      join(dir, 'image-lock.yaml'),
      [
        'images:',
        '  - { baseImage: windows-server-2022, region: eu-west-2, imageId: ami-0999999999999999a, source: /aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base, resolvedOn: "2026-01-01" }',
        '  - { baseImage: ubuntu-24.04, region: eu-west-2, imageId: ami-0ddddddddddddddd4, source: manual, resolvedOn: "2026-01-01" }',
        '',
      ].join('\n'),
    );
    const before = readFileSync(join(dir, 'image-lock.yaml'), 'utf8');
    const r = await refresh(dir, '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      'changed      windows-server-2022  ami-0999999999999999a -> ami-0aaaaaaaaaaaaaaa1',
    );
    expect(r.out).toContain('unchanged    ubuntu-24.04         ami-0ddddddddddddddd4');
    expect(r.out).toContain('Dry run: would update');
    expect(readFileSync(join(dir, 'image-lock.yaml'), 'utf8')).toBe(before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

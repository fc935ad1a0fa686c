/**
 * The suite's temporary files (test/support/run-temp-folder.js): every test file writes into one
 * folder of the run's own, which the teardown removes, while the caches meant to outlive a run
 * (tsx's compiled files, the unpacked Chromium) stay in the machine's temporary folder.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import chromium from '@sparticuz/chromium';

const runFolder = process.env.ESTATE_TEST_RUN_TMPDIR;
// Plain JavaScript, loaded by jest itself before any worker starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const removeRunTempFolder = require('../support/run-temp-folder-teardown.js') as () => void;

describe("the test run's temporary folder", () => {
  test('this file and the processes it starts write into the run folder', () => {
    expect(runFolder).toMatch(/estate-tests-[A-Za-z0-9]{6}$/);
    expect(tmpdir()).toBe(runFolder);
    const child = execFileSync(
      process.execPath,
      ['-e', 'process.stdout.write(require("node:os").tmpdir())'],
      {
        encoding: 'utf8',
      },
    );
    expect(child).toBe(runFolder);
  });

  test("tsx's cache and the unpacked Chromium are links to the machine's temporary folder", async () => {
    const machine = dirname(runFolder!);
    for (const name of [`tsx-${process.geteuid!()}`, 'chromium', 'fonts'])
      expect([name, readlinkSync(join(runFolder!, name))]).toEqual([name, join(machine, name)]);
    const path = await chromium.executablePath();
    expect(path).toBe(join(runFolder!, 'chromium'));
    expect(realpathSync(path)).toBe(join(machine, 'chromium'));
  });

  test('the teardown removes a run folder with its links, not what they point to; KEEP_TEST_FILES=1 keeps it', () => {
    const shared = mkdtempSync(join(runFolder!, 'shared-'));
    writeFileSync(join(shared, 'kept.txt'), 'a cache');
    const fakeRun = mkdtempSync(join(runFolder!, 'fake-run-'));
    mkdirSync(join(fakeRun, 'assembly'));
    writeFileSync(join(fakeRun, 'assembly', 'template.json'), '{}');
    symlinkSync(shared, join(fakeRun, 'link'));
    const real = process.env.ESTATE_TEST_RUN_TMPDIR;
    try {
      process.env.ESTATE_TEST_RUN_TMPDIR = fakeRun;
      process.env.KEEP_TEST_FILES = '1';
      const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
      removeRunTempFolder();
      expect(String(stderr.mock.calls[0]?.[0])).toContain(`temporary files are in ${fakeRun}`);
      stderr.mockRestore();
      expect(existsSync(join(fakeRun, 'assembly', 'template.json'))).toBe(true);
      delete process.env.KEEP_TEST_FILES;
      removeRunTempFolder();
    } finally {
      process.env.ESTATE_TEST_RUN_TMPDIR = real;
      delete process.env.KEEP_TEST_FILES;
    }
    expect(existsSync(fakeRun)).toBe(false);
    expect(existsSync(join(shared, 'kept.txt'))).toBe(true);
  });
});

/**
 * jest.config.js `globalSetup`: the run's temporary files go to one folder of their own, removed
 * by `globalTeardown` (run-temp-folder-teardown.js). Test files, the code under test and the
 * processes they start (the CDK CLI, the estate CLI, cfn-guard) all find the temporary folder
 * through TMPDIR (`os.tmpdir()`), so pointing it at the run's folder catches every file they leave:
 * synthesized assemblies, generated plans, staged exports (about 500 MB a run otherwise left in
 * /tmp). jest starts its workers after this, so they inherit it. `KEEP_TEST_FILES=1` keeps the
 * folder for a look after the run. A run that was stopped leaves its folder; the next run removes
 * such folders once they are a day old (never a running one: no run takes a day).
 *
 * Caches meant to outlive a run stay in the machine's temporary folder, linked into the run's:
 * tsx's compiled files (`tsx-<uid>`) and the headless Chromium that @sparticuz/chromium unpacks
 * (`chromium`, `fonts`; it finds its graphics libraries beside the real file). Chromium is
 * unpacked here, before any worker starts, when the machine has not got it yet: unpacked by the
 * test files into each run's folder, two workers would race to write it.
 */
const { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } = require('node:fs');
const { tmpdir, userInfo } = require('node:os');
const { join } = require('node:path');

/** tsx's compiled files, named as tsx names them (made if missing: a link to a folder that does not
 * exist cannot be made into one). */
const TSX_CACHE = `tsx-${process.geteuid ? process.geteuid() : userInfo().username}`;
/** What @sparticuz/chromium unpacks and later finds by name. */
const CHROMIUM = ['chromium', 'fonts'];

/** A run's folder older than this was left by a run that was stopped (teardown never ran). */
const STALE_MS = 24 * 60 * 60 * 1000;

module.exports = async function runTempFolder() {
  const machine = tmpdir();
  for (const name of readdirSync(machine)) {
    if (!name.startsWith('estate-tests-')) continue;
    const path = join(machine, name);
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another run removed it first.
    }
  }
  const run = mkdtempSync(join(machine, 'estate-tests-'));
  mkdirSync(join(machine, TSX_CACHE), { recursive: true });
  const chromium = require('@sparticuz/chromium');
  await (chromium.default ?? chromium).executablePath(); // at once when unpacked before
  for (const name of [TSX_CACHE, ...CHROMIUM]) symlinkSync(join(machine, name), join(run, name));
  process.env.ESTATE_TEST_RUN_TMPDIR = run;
  process.env.TMPDIR = run;
};

/**
 * jest.config.js `globalTeardown`: removes the run's temporary folder (run-temp-folder.js), links
 * to the shared caches included (not what they point to), unless `KEEP_TEST_FILES=1`.
 */
const { rmSync } = require('node:fs');

module.exports = function removeRunTempFolder() {
  const run = process.env.ESTATE_TEST_RUN_TMPDIR;
  if (!run) return;
  if (process.env.KEEP_TEST_FILES === '1') {
    process.stderr.write(`\nKEEP_TEST_FILES=1: this run's temporary files are in ${run}\n`);
    return;
  }
  rmSync(run, { recursive: true, force: true });
};

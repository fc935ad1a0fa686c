/**
 * Prints one plain closing line, "N passed, N failed, N skipped", after everything jest prints, so
 * tools that read a test run's last line (CI) see the counts in a runner-neutral form. jest runs
 * its own summary reporter after custom ones, so the line is written when the process exits.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const line = `${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    process.once('exit', () => process.stderr.write(`\n${line}`));
  }
}
module.exports = SummaryReporter;

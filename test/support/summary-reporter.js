/**
 * Prints one plain closing line, "N passed, N failed, N skipped", after jest's own summary, so
 * tools that read a test run's last line (CI) see the counts in a runner-neutral form.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    process.stdout.write(
      `\n${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`,
    );
  }
}
module.exports = SummaryReporter;

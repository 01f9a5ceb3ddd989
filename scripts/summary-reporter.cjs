// Ends the test run with one plain line, `N passed, N failed, N skipped`, for tools that read it.
// Written as the process exits, so it comes after jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results
    const failed = numFailedTests + results.numRuntimeErrorTestSuites
    const line = `${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped`
    process.once('exit', () => process.stderr.write(`\n${line}\n`))
  }
}
// eslint-disable-next-line no-undef
module.exports = SummaryReporter

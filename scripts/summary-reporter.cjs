// Ends the test run with one plain line, `N passed, N failed, N skipped`, for tools that read it.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results
    const failed = numFailedTests + results.numRuntimeErrorTestSuites
    process.stderr.write(
      `\n${numPassedTests} passed, ${failed} failed, ${numPendingTests + numTodoTests} skipped\n`
    )
  }
}
// eslint-disable-next-line no-undef
module.exports = SummaryReporter

/// Adds up one machine's result files: a multi-reporter writes mochawesome and JUnit for the
/// same tests, and a test reported by both formats must count once (SPEC §3).
public enum ResultMerge {
  /// Merges every parsed report of `machine` into counts, failures and a duration.
  ///
  /// A mochawesome test and a JUnit test are the same test when their full titles are equal and
  /// their specs name the same file (the last path component, so a relative and an absolute
  /// path match); when either side names no spec, the title alone decides. Tests that share a
  /// key are paired in report order, the i-th with the i-th, so a key reported n times by one
  /// format and m times by the other counts max(n, m) times. Where paired, mochawesome's
  /// outcome and message win; JUnit only fills in a missing message or spec.
  ///
  /// A JUnit report without test cases adds the counts it declares. The duration is the sum of
  /// the mochawesome reports' durations when any states one, else of the JUnit reports'.
  public static func merge(machine: String, reports: [ParsedReport]) -> MachineResults {
    let mochawesome = reports.filter { $0.format == .mochawesome }
    let junit = reports.filter { $0.format == .junit }
    let mochawesomeTests = mochawesome.flatMap(\.tests)
    let junitTests = junit.flatMap(\.tests)
    let pairing = TestPairing(mochawesome: mochawesomeTests, junit: junitTests)

    var results = MachineResults()
    for (test, twin) in zip(mochawesomeTests, pairing.twins) {
      results.counts.count(test.outcome)
      guard test.outcome == .failed else { continue }
      let twin = twin.map { junitTests[$0] }
      results.failures.append(
        TestFailure(
          machine: machine, spec: test.spec ?? twin?.spec, title: test.fullTitle,
          message: test.failureMessage ?? twin?.failureMessage ?? noMessage))
    }
    for (test, paired) in zip(junitTests, pairing.junitPaired) where !paired {
      results.counts.count(test.outcome)
      guard test.outcome == .failed else { continue }
      results.failures.append(
        TestFailure(
          machine: machine, spec: test.spec, title: test.fullTitle,
          message: test.failureMessage ?? noMessage))
    }
    for report in junit where report.tests.isEmpty {
      results.counts += report.declaredCounts ?? TestCounts()
    }
    let durations = mochawesome.compactMap(\.durationMs)
    let fallback = junit.compactMap(\.durationMs)
    if !durations.isEmpty {
      results.durationMs = durations.reduce(0, +)
    } else if !fallback.isEmpty {
      results.durationMs = fallback.reduce(0, +)
    }
    return results
  }

  /// Shown for a failure that no report gave a message for.
  static let noMessage = "(no message)"
}

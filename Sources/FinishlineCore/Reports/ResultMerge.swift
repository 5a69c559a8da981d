internal import FoundationEssentials

/// Adds up one machine's result files: a multi-reporter writes mochawesome and JUnit for the
/// same tests, and a test reported by both formats must count once (SPEC §3).
public enum ResultMerge {
  /// Merges every parsed report of `machine` into counts, failures, hooks and a duration.
  ///
  /// mochawesome files first count each test once among themselves: a merged report
  /// (mochawesome-merge) beside its per-spec files repeats every test, so a test already seen
  /// in another file (by uuid, else by spec file and full title) is not counted again, while
  /// repeats inside one file all count.
  ///
  /// A mochawesome test and a JUnit test are then the same test when their full titles are
  /// equal and their specs name the same file (the last path component, so a relative and an
  /// absolute path match); when either side names no spec, the title alone decides. Tests that
  /// share a key are paired in report order, the i-th with the i-th, so a key reported n times
  /// by one format and m times by the other counts max(n, m) times. Where paired,
  /// mochawesome's outcome and message win; JUnit only fills in a missing message or spec.
  ///
  /// A JUnit report without test cases adds the counts it declares. The duration is the sum of
  /// the mochawesome reports' durations when any states one, else of the JUnit reports'.
  public static func merge(machine: String, reports: [ParsedReport]) -> MachineResults {
    let mochawesome = reports.filter { $0.format == .mochawesome }
    let junit = reports.filter { $0.format == .junit }
    let mochawesomeTests = uniqueTests(mochawesome)
    let junitTests = junit.flatMap(\.tests)
    let pairing = TestPairing(mochawesome: mochawesomeTests, junit: junitTests)

    var results = MachineResults()
    var counted: [TestResult] = []
    for (test, twin) in zip(mochawesomeTests, pairing.twins) {
      let twin = twin.map { junitTests[$0] }
      var test = test
      test.spec = test.spec ?? twin?.spec
      test.classname = test.classname ?? twin?.classname
      test.failureMessage = test.failureMessage ?? twin?.failureMessage
      test.flaky = test.flaky || twin?.flaky == true
      counted.append(test)
    }
    counted += zip(junitTests, pairing.junitPaired).filter { !$0.1 }.map(\.0)
    for test in counted {
      results.counts.count(test)
      if test.outcome == .passed, test.flaky { results.flakyTests.append(test.displayName) }
      guard test.outcome == .failed else { continue }
      results.failures.append(
        TestFailure(
          machine: machine, spec: test.spec, classname: test.classname, title: test.fullTitle,
          message: test.failureMessage ?? noMessage))
    }
    for report in junit where report.tests.isEmpty {
      results.counts += report.declaredCounts ?? TestCounts()
    }
    results.failedHooks = hooks(mochawesome: mochawesome, junit: junit)
    results.specNames = reports.reduce(into: []) { $0.formUnion($1.specNames) }
    results.emptySpecs = reports.reduce(0) { $0 + $1.emptySpecs }
    results.durationMs = sum(mochawesome.compactMap(\.durationMs)) ?? sum(junit.compactMap(\.durationMs))
    let timed = mochawesome.contains { $0.startedAt != nil } ? mochawesome : junit
    results.startedAt = timed.compactMap(\.startedAt).min()
    results.endedAt = timed.compactMap { $0.endedAt ?? $0.startedAt }.max()
    return results
  }

  /// Shown for a failure that no report gave a message for.
  static let noMessage = "(no message)"

  private static func sum(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +)
  }

  /// The mochawesome tests of all files, each test once across files (see `merge`).
  static func uniqueTests(_ reports: [ParsedReport]) -> [TestResult] {
    var seenUUIDs: Set<String> = []
    var countedByKey: [String: Int] = [:]
    var unique: [TestResult] = []
    for report in reports {
      var inThisFile: [String: Int] = [:]
      for test in report.tests {
        if let uuid = test.uuid {
          if seenUUIDs.insert(uuid).inserted { unique.append(test) }
          continue
        }
        let key = (test.spec.map(\.fileName) ?? "") + "\u{1F}" + test.fullTitle
        inThisFile[key, default: 0] += 1
        if inThisFile[key, default: 0] > countedByKey[key, default: 0] {
          countedByKey[key] = inThisFile[key]
          unique.append(test)
        }
      }
    }
    return unique
  }

  /// Failed hooks, each once: a hook reported by both formats, or by a merged report and its
  /// per-spec file, is one hook by its full title.
  static func hooks(mochawesome: [ParsedReport], junit: [ParsedReport]) -> [HookFailure] {
    var titles: Set<String> = []
    return (mochawesome.flatMap(\.failedHooks) + junit.flatMap(\.failedHooks)).filter {
      titles.insert($0.title).inserted
    }
  }
}

public import FoundationEssentials

/// Reads the report of Playwright's `json` reporter, the one output of Playwright that keeps
/// every project's result and every retry: a `config`, then `suites` (one per spec file, with
/// `describe` blocks nested) whose `specs` hold one test per project.
///
/// Outcomes (SPEC §3.1) are Playwright's own verdict, the test's `status`: `expected` passed,
/// `unexpected` failed, `flaky` passed and flaky, `skipped` skipped. A test whose run was
/// interrupted (Ctrl-C, `globalTimeout`, `maxFailures`) is one Playwright counts apart and
/// fails the run for, so it is failed here too: an interrupted run is never posted green. The
/// message is the last failed attempt's `error.message` without colour codes, up to its call
/// log; errors outside
/// any test (a spec that does not compile) fail the run as a failed hook would.
public enum PlaywrightReport {
  public static func parse(_ data: Data, path: String, retries: RetryMode = .auto) -> ReportParseResult {
    JSONReportFile.parse(data, path: path, format: name) { read($0, path: path) }
  }

  /// The report, `.notAReport` for JSON without a `suites` list, or `nil` when the bytes are
  /// not JSON this reader reads exactly.
  static func read(_ source: any ByteSource, path: String) -> ReportParseResult? {
    var reader = PlaywrightStreamReader(source)
    guard let document = try? reader.document() else { return nil }
    guard let suites = document.suites else {
      return .notAReport(reason: "\(path): not a Playwright report: it has no `suites` list")
    }
    var tests: [TestResult] = []
    for suite in suites {
      let file = suite.file?.nonBlank ?? suite.title?.nonBlank
      collect(suite, file: file, path: [], into: &tests)
    }
    let start = document.startTime.flatMap(ReportTimestamp.parse)
    return .parsed(
      ParsedReport(
        format: .playwright, tests: tests, durationMs: document.durationMs,
        failedHooks: document.errors.map {
          // Named by its first line: hooks count once by title, and two errors are two.
          HookFailure(
            spec: nil, title: "error outside any test: \($0.prefix { !$0.isNewline })", message: $0, skippedTests: 0)
        },
        specNames: Set(suites.compactMap { ($0.file?.nonBlank ?? $0.title?.nonBlank)?.fileName }),
        startedAt: start,
        endedAt: start.flatMap { date in document.durationMs.map { date.addingTimeInterval($0 / 1000) } }))
  }

  /// The tests of `suite` and the suites inside it; `path` holds the `describe` titles above,
  /// the file's own suite not among them.
  private static func collect(
    _ suite: PlaywrightStreamReader.Suite, file: String?, path: [String], into tests: inout [TestResult]
  ) {
    for spec in suite.specs {
      let title = (path + [spec.title ?? "(untitled test)"]).joined(separator: " › ")
      for test in spec.tests { tests.append(result(test, title: title, file: spec.file?.nonBlank ?? file)) }
    }
    for inner in suite.suites {
      collect(inner, file: file, path: path + [inner.title?.nonBlank].compactMap { $0 }, into: &tests)
    }
  }

  private static func result(_ test: PlaywrightStreamReader.Test, title: String, file: String?) -> TestResult {
    let interrupted = test.results.contains { $0.status == "interrupted" }
    let status = test.status ?? derivedStatus(test)
    let outcome: TestOutcome =
      switch status {
      case "expected", "flaky": .passed
      case "unexpected": .failed
      default: interrupted ? .failed : .skipped
      }
    var message: String?
    if outcome == .failed {
      message =
        test.results.reversed().lazy.compactMap { $0.errorMessage.map(ANSIEscape.strip) }
        .compactMap(PlaywrightFailureText.assertion(from:)).first
        ?? (interrupted ? interruptedMessage : nil)
    }
    let durations = test.results.compactMap(\.duration)
    return TestResult(
      spec: file, fullTitle: title, outcome: outcome,
      durationMs: durations.isEmpty ? nil : durations.reduce(0, +), failureMessage: message,
      flaky: status == "flaky", project: test.projectName?.nonBlank)
  }

  static let interruptedMessage = "Interrupted: the run stopped before this test finished"

  /// Playwright's `outcome()` for a report that does not write the test's `status`: attempts
  /// that were interrupted do not count, all skipped is skipped, none failed is expected,
  /// all failed is unexpected, some failed is flaky.
  static func derivedStatus(_ test: PlaywrightStreamReader.Test) -> String {
    let counted = test.results.filter { $0.status != "interrupted" }
    if counted.allSatisfy({ $0.status == "skipped" }) { return "skipped" }
    let expected = test.expectedStatus ?? "passed"
    let failures = counted.count { $0.status != "skipped" && $0.status != expected }
    if failures == 0 { return "expected" }
    return failures == counted.count ? "unexpected" : "flaky"
  }
}

extension PlaywrightReport: ReportReader {
  public static var name: String { "Playwright JSON" }

  public static func recognizes(_ shape: ReportShape) -> Bool {
    guard case .json(let json) = shape else { return false }
    return json.has("config", .object) && json.has("suites", .array)
  }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    read(source, path: path)
  }

  /// `playwright merge-reports` combines the reports of shards; a merged file beside them
  /// repeats their tests.
  public static var repeats: CrossFileRepeats { .sameTestOnce }
}

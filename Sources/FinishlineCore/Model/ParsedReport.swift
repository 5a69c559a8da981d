public import FoundationEssentials

/// What one result file says, before it is merged with the other files of its machine.
public struct ParsedReport: Sendable, Equatable, Codable {
  public var format: ReportFormat
  /// Every test in the report, in report order; duplicates of a title are kept, while the
  /// attempts of one retried test are already one test.
  public var tests: [TestResult]
  /// Totals a JUnit file declares in attributes; used only when it lists no test cases.
  public var declaredCounts: TestCounts?
  /// The run time the report states for itself, when it states one.
  public var durationMs: Double?
  /// Hooks (`before all` and the like) that failed: not tests, but they fail the run.
  public var failedHooks: [HookFailure]
  /// Spec file names the report accounts for (file attributes, suite names, spec files), so a
  /// configured spec list can tell which specs have a result.
  public var specNames: Set<String>
  /// Specs the report accounts for without naming them (mochawesome writes `false` for a spec
  /// without tests).
  public var emptySpecs: Int = 0
  /// When the report says its tests started and ended, for the run's wall time.
  public var startedAt: Date?
  public var endedAt: Date?

  public init(
    format: ReportFormat, tests: [TestResult], declaredCounts: TestCounts? = nil,
    durationMs: Double? = nil, failedHooks: [HookFailure] = [], specNames: Set<String> = [],
    startedAt: Date? = nil, endedAt: Date? = nil
  ) {
    self.format = format
    self.tests = tests
    self.declaredCounts = declaredCounts
    self.durationMs = durationMs
    self.failedHooks = failedHooks
    self.specNames = specNames
    self.startedAt = startedAt
    self.endedAt = endedAt
  }
}

/// A hook that failed, and how many tests it kept from running.
public struct HookFailure: Sendable, Equatable, Codable {
  public var spec: String?
  /// The hook's title as mocha gives it: `"before all" hook for "logs in"`.
  public var title: String
  public var message: String
  /// Tests under the hook's suite that never ran because of it.
  public var skippedTests: Int

  public init(spec: String?, title: String, message: String, skippedTests: Int) {
    self.spec = spec
    self.title = title
    self.message = message
    self.skippedTests = skippedTests
  }

  /// "login.cy.js › Login "before all" hook".
  public var displayName: String { TestName.display(spec: spec, classname: nil, title: title) }
}

/// A report is readable now, not (yet) readable, or not a report at all.
public enum ReportParseResult: Sendable, Equatable, Codable {
  case parsed(ParsedReport)
  /// Truncated, malformed or broken; `reason` says which and where. A file being written is
  /// normal evidence that the run is not final yet.
  case unreadable(reason: String)
  /// A file the glob matched that is no report of this format (a Cypress fixture, a
  /// `package.json`, a `pom.xml`): ignored, and named in `explain`.
  case notAReport(reason: String)
}

extension ReportParseResult {
  /// Whether the reader found anything of a report in the file (tests, failed hooks, empty
  /// specs, declared counts): a reader that finds nothing may have been given another
  /// format's file.
  public var holdsTests: Bool {
    guard case .parsed(let report) = self else { return false }
    return !report.tests.isEmpty || !report.failedHooks.isEmpty || report.emptySpecs > 0
      || report.declaredCounts != nil
  }
}

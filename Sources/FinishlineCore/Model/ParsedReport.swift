/// The report formats finishline reads.
public enum ReportFormat: String, Sendable, Codable {
  case mochawesome
  case junit
}

/// What one result file says, before it is merged with the other files of its machine.
public struct ParsedReport: Sendable, Equatable {
  public var format: ReportFormat
  /// Every test case in the report, in report order; duplicates of a title are kept.
  public var tests: [TestResult]
  /// Totals a JUnit file declares in attributes; used only when it lists no test cases.
  public var declaredCounts: TestCounts?
  /// The run time the report states for itself, when it states one.
  public var durationMs: Double?

  public init(
    format: ReportFormat, tests: [TestResult], declaredCounts: TestCounts? = nil,
    durationMs: Double? = nil
  ) {
    self.format = format
    self.tests = tests
    self.declaredCounts = declaredCounts
    self.durationMs = durationMs
  }
}

/// A report is either readable now or not (yet): a file being written is normal evidence.
public enum ReportParseResult: Sendable, Equatable {
  case parsed(ParsedReport)
  /// Truncated, malformed or not of the expected shape; `reason` says which and where.
  case unreadable(reason: String)
}

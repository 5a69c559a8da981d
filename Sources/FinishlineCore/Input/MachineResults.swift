public import FoundationEssentials

/// One machine's results after merging its report files.
public struct MachineResults: Sendable, Equatable {
  /// Every test counted once, however many formats or files reported it.
  public var counts: TestCounts
  /// Failed tests in report order, mochawesome's first.
  public var failures: [TestFailure]
  /// The summed run time the reports state; `nil` when none states one.
  public var durationMs: Double?
  public var failedHooks: [HookFailure]
  /// Tests that passed after a failed attempt, as `TestResult.displayName`.
  public var flakyTests: [String]
  public var specNames: Set<String>
  /// Specs reported without a name (see `ParsedReport.emptySpecs`).
  public var emptySpecs = 0
  /// Every counted test and its outcome, for the series' history (SPEC §8.1).
  public var testLog = TestOutcomeLog()
  /// The earliest start and latest end the reports state.
  public var startedAt: Date?
  public var endedAt: Date?

  public init(
    counts: TestCounts = TestCounts(), failures: [TestFailure] = [], durationMs: Double? = nil,
    failedHooks: [HookFailure] = [], flakyTests: [String] = [], specNames: Set<String> = [],
    startedAt: Date? = nil, endedAt: Date? = nil
  ) {
    self.counts = counts
    self.failures = failures
    self.durationMs = durationMs
    self.failedHooks = failedHooks
    self.flakyTests = flakyTests
    self.specNames = specNames
    self.startedAt = startedAt
    self.endedAt = endedAt
  }
}

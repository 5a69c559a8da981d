/// What one machine's result files add up to once both formats are merged.
public struct MachineResults: Sendable, Equatable {
  /// Every test counted once, however many formats reported it.
  public var counts: TestCounts
  /// Failed tests in report order, mochawesome's first.
  public var failures: [TestFailure]
  /// The summed run time the reports state; `nil` when none states one.
  public var durationMs: Double?

  public init(
    counts: TestCounts = TestCounts(), failures: [TestFailure] = [], durationMs: Double? = nil
  ) {
    self.counts = counts
    self.failures = failures
    self.durationMs = durationMs
  }
}

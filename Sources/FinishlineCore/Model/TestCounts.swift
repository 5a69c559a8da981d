/// Test totals as shown to people and in `check --json`; JUnit errors count as failed.
public struct TestCounts: Sendable, Equatable, Codable {
  public var passed: Int
  public var failed: Int
  public var pending: Int
  public var skipped: Int

  public init(passed: Int = 0, failed: Int = 0, pending: Int = 0, skipped: Int = 0) {
    self.passed = passed
    self.failed = failed
    self.pending = pending
    self.skipped = skipped
  }

  public var total: Int { passed + failed + pending + skipped }

  public static func + (lhs: TestCounts, rhs: TestCounts) -> TestCounts {
    TestCounts(
      passed: lhs.passed + rhs.passed, failed: lhs.failed + rhs.failed,
      pending: lhs.pending + rhs.pending, skipped: lhs.skipped + rhs.skipped)
  }

  public static func += (lhs: inout TestCounts, rhs: TestCounts) { lhs = lhs + rhs }

  /// Adds one test case of the given outcome.
  public mutating func count(_ outcome: TestOutcome) {
    switch outcome {
    case .passed: passed += 1
    case .failed: failed += 1
    case .pending: pending += 1
    case .skipped: skipped += 1
    }
  }
}

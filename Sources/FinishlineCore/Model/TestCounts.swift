/// Test totals as shown to people and in `check --json`; JUnit errors count as failed.
public struct TestCounts: Sendable, Equatable, Codable {
  public var passed: Int
  public var failed: Int
  public var pending: Int
  public var skipped: Int
  /// Tests that passed only after a failed attempt; they are also counted in `passed`.
  public var flaky: Int

  public init(passed: Int = 0, failed: Int = 0, pending: Int = 0, skipped: Int = 0, flaky: Int = 0) {
    self.passed = passed
    self.failed = failed
    self.pending = pending
    self.skipped = skipped
    self.flaky = flaky
  }

  private enum Key: String, CodingKey { case passed, failed, pending, skipped, flaky }

  /// State files written before `flaky` existed have no such key: they had no flaky tests.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    passed = try container.decode(Int.self, forKey: .passed)
    failed = try container.decode(Int.self, forKey: .failed)
    pending = try container.decode(Int.self, forKey: .pending)
    skipped = try container.decode(Int.self, forKey: .skipped)
    flaky = try container.decodeIfPresent(Int.self, forKey: .flaky) ?? 0
  }

  /// Every test once: flaky tests are already among the passed.
  public var total: Int { passed + failed + pending + skipped }

  public static func + (lhs: TestCounts, rhs: TestCounts) -> TestCounts {
    TestCounts(
      passed: lhs.passed + rhs.passed, failed: lhs.failed + rhs.failed,
      pending: lhs.pending + rhs.pending, skipped: lhs.skipped + rhs.skipped, flaky: lhs.flaky + rhs.flaky)
  }

  public static func += (lhs: inout TestCounts, rhs: TestCounts) { lhs = lhs + rhs }

  /// Adds one test case of the given outcome.
  public mutating func count(_ test: TestResult) {
    switch test.outcome {
    case .passed: passed += 1
    case .failed: failed += 1
    case .pending: pending += 1
    case .skipped: skipped += 1
    }
    if test.flaky, test.outcome == .passed { flaky += 1 }
  }
}

extension TestCounts {
  /// The counts as `--json`, `status --json` and the webhook show them, in this order.
  var jsonMembers: [JSONValue.Member] {
    [
      .init("passed", .int(passed)), .init("failed", .int(failed)), .init("pending", .int(pending)),
      .init("skipped", .int(skipped)), .init("flaky", .int(flaky)),
    ]
  }
}

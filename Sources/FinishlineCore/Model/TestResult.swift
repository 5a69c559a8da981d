/// How one test case ended, in the vocabulary shared by mochawesome and JUnit.
public enum TestOutcome: String, Sendable, Codable, CaseIterable {
  case passed
  case failed
  /// Declared but not run (`it.skip`, `xit`, mocha "pending").
  case pending
  /// Not run because something else stopped it (a failed hook, `<skipped/>`).
  case skipped
}

/// One test case as a report describes it; the unit that is merged across formats.
public struct TestResult: Sendable, Equatable {
  /// The spec file the test lives in, as the report names it (may be absent in JUnit).
  public var spec: String?
  /// The full title (suite titles and test title joined by spaces).
  public var fullTitle: String
  public var outcome: TestOutcome
  public var durationMs: Double?
  /// The assertion message of a failed test, without stack frames.
  public var failureMessage: String?

  public init(
    spec: String?, fullTitle: String, outcome: TestOutcome, durationMs: Double? = nil,
    failureMessage: String? = nil
  ) {
    self.spec = spec
    self.fullTitle = fullTitle
    self.outcome = outcome
    self.durationMs = durationMs
    self.failureMessage = failureMessage
  }
}

public import FoundationEssentials

/// Everything classification may look at: one snapshot, what was remembered, and the clock.
public struct ClassificationInput: Sendable {
  public var snapshot: RunSnapshot
  /// When finishline first saw this scope (the start of `start_grace` and `max_runtime`).
  public var firstSeen: Date
  /// The last time an earlier invocation saw a runner alive.
  public var lastRunnerSeen: Date?
  /// The verdict the scope was closed with, if it was; it keeps the scope closed.
  public var closedVerdict: Verdict?
  /// Whether result files (mochawesome/JUnit) are configured, so machines must have them.
  public var resultFilesExpected: Bool
  public var policy: Policy
  public var now: Date

  public init(
    snapshot: RunSnapshot, firstSeen: Date, lastRunnerSeen: Date?, closedVerdict: Verdict?,
    resultFilesExpected: Bool, policy: Policy, now: Date
  ) {
    self.snapshot = snapshot
    self.firstSeen = firstSeen
    self.lastRunnerSeen = lastRunnerSeen
    self.closedVerdict = closedVerdict
    self.resultFilesExpected = resultFilesExpected
    self.policy = policy
    self.now = now
  }
}

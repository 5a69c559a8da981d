/// A delivery's outcome as `check --json`, `status` and the logs report it (SPEC §9).
public enum ReportedOutcome: String, Sendable, Codable, CaseIterable {
  case delivered
  case alreadyDelivered = "already-delivered"
  /// The scope's state is not posted to this target.
  case suppressed
  /// The scope is not finished yet.
  case pending
  case transientFailure = "transient-failure"
  case terminalFailure = "terminal-failure"
  case ambiguous
  case dryRun = "dry-run"

  /// A delivery this run owes is failing: the invocation exits 69.
  public var isFailing: Bool { self == .transientFailure || self == .terminalFailure }
}

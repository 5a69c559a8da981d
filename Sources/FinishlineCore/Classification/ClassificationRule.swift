/// One row of the decision table: a predicate over the evidence that may decide the state.
public struct ClassificationRule: Sendable {
  /// Stable names for the rows, recorded with every verdict and shown by `explain`.
  public enum ID: String, Sendable, Codable, CaseIterable {
    case closed
    case cancelled
    case maxRuntime = "max-runtime"
    case noProgress = "no-progress"
    case runnerAlive = "runner-alive"
    case noTests = "no-tests"
    case complete
    case awaitingStart = "awaiting-start"
    case neverStarted = "never-started"
    case settling
    case terminated
    case unobservedRunning = "unobserved-running"
    case unobservedHung = "unobserved-hung"
    case undecided
    case unknown
  }

  public let id: ID
  /// What the row says, in the words of the README's decision table.
  public let summary: String
  let decide: @Sendable (EvidenceFacts) -> (RunState, String)?

  /// Applies the row; `nil` means "not mine, ask the next row".
  public func verdict(for facts: EvidenceFacts) -> Verdict? {
    decide(facts).map { Verdict(state: $0.0, reason: $0.1, rule: id) }
  }
}

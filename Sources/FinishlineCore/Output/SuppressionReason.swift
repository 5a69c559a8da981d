/// Why a check sent nothing to a target, as a short label that stays stable for dashboards and
/// alert rules (the log's reason text is for people and may be reworded).
public enum SuppressionReason: String, Sendable, CaseIterable {
  /// CANCELLED, TERMINATED, HUNG or UNKNOWN: never posted as a final status.
  case notFinal = "not-final"
  /// COMPLETED or FAILED, but the target's `on` list leaves that state out.
  case notSubscribed = "not-subscribed"
  /// An earlier delivery failed terminally; nothing is sent until `reset --delivery`.
  case terminalFailure = "terminal-failure"
  /// An earlier attempt may have been delivered; not resent (`on_ambiguous = skip`).
  case ambiguous
  /// Transient failures went on for longer than `give_up_after`.
  case expired
  /// The scope is still RUNNING.
  case pending
  /// `--dry-run`: a post was due but nothing was sent.
  case dryRun = "dry-run"
  /// FAILED, but every failure was failing in the baseline, to an `only_new_failures` target.
  case noNewFailures = "no-new-failures"

  /// The reason of a decision that sends nothing, or `nil` for a send or a duplicate
  /// prevented (which is counted on its own).
  /// - Parameter state: the scope's state, which tells "never posted" from "not subscribed".
  public init?(_ decision: DeliveryDecision, state: RunState) {
    guard case .none(let outcome) = decision.action else { return nil }
    switch outcome {
    case .suppressed where decision.event == .noNewFailures: self = .noNewFailures
    case .suppressed: self = state.isFinalStatus ? .notSubscribed : .notFinal
    case .terminalFailure: self = decision.event == .expired ? .expired : .terminalFailure
    case .ambiguous: self = .ambiguous
    case .pending: self = .pending
    case .dryRun: self = .dryRun
    // A duplicate prevented is counted on its own; the other two only ever follow a send.
    case .alreadyDelivered, .delivered, .transientFailure: return nil
    }
  }
}

/// What to do about one scope and one target in this invocation, and why.
public struct DeliveryDecision: Sendable, Equatable {
  public enum Action: Sendable, Equatable {
    /// Send now; `resend` marks a deliberate resend of an ambiguous attempt.
    case send(resend: Bool)
    /// Send nothing; report `outcome`.
    case none(ReportedOutcome)
  }

  /// The log event a decision is: one vocabulary for logs, metrics and tests.
  public enum Event: String, Sendable, Equatable, CaseIterable {
    case post
    case alert
    case duplicatePrevented = "duplicate-prevented"
    case suppressed
    case expired
    case pending
    case dryRun = "dry-run"
    /// Owed, but waiting until an earlier group of a categorized run is closed.
    case held
    /// FAILED with only known failures, to a target with `only_new_failures` (SPEC §8.1).
    case noNewFailures = "no-new-failures"
  }

  public var target: String
  public var kind: DeliveryRecord.Kind
  public var action: Action
  public var event: Event
  public var reason: String

  public init(target: String, kind: DeliveryRecord.Kind, action: Action, event: Event, reason: String) {
    self.target = target
    self.kind = kind
    self.action = action
    self.event = event
    self.reason = reason
  }

  public var sends: Bool {
    if case .send = action { return true }
    return false
  }

  /// What this decision reports for its target before anything is sent: its outcome, or
  /// pending for a send still to be made.
  public var outcome: ReportedOutcome {
    switch action {
    case .send: .pending
    case .none(let outcome): outcome
    }
  }

  /// True when later invocations will not act on this target for this scope without `reset`.
  public var isSettled: Bool {
    switch action {
    case .send: false
    case .none(let outcome): outcome != .pending && outcome != .transientFailure && outcome != .dryRun
    }
  }
}

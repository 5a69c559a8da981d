/// What to do about one scope and one target in this invocation, and why.
public struct DeliveryDecision: Sendable, Equatable {
  public enum Action: Sendable, Equatable {
    /// Send now; `resend` marks a deliberate resend of an ambiguous attempt.
    case send(resend: Bool)
    /// Send nothing; report `outcome`.
    case none(ReportedOutcome)
  }

  public var target: String
  public var kind: DeliveryRecord.Kind
  public var action: Action
  /// The log event this decision is, e.g. `duplicate-prevented`, `suppressed`, `post`.
  public var event: String
  public var reason: String

  public init(target: String, kind: DeliveryRecord.Kind, action: Action, event: String, reason: String) {
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

  /// True when later invocations will not act on this target for this scope without `reset`.
  public var isSettled: Bool {
    switch action {
    case .send: false
    case .none(let outcome): outcome != .pending && outcome != .transientFailure && outcome != .dryRun
    }
  }
}

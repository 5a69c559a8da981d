/// One scope as a check judged it: what `explain` and `preview` show.
public struct EvaluatedScope: Sendable {
  public var spec: ScopeSpec
  /// The record before this check; `nil` when never checked.
  public var recorded: StoredScope?
  /// The evidence; `nil` while the scope waits for an earlier group.
  public var facts: EvidenceFacts?
  public var verdict: Verdict
  /// The message a post of this scope carries, before a target's kind and mention; `nil` while
  /// it waits.
  public var message: MessageContext?
  /// What the check does for each target, alert subscriptions included, in the order it does it.
  public var deliveries: [PlannedDelivery]

  public init(
    spec: ScopeSpec, recorded: StoredScope?, facts: EvidenceFacts?, verdict: Verdict, message: MessageContext?,
    deliveries: [PlannedDelivery]
  ) {
    self.deliveries = deliveries
    self.spec = spec
    self.recorded = recorded
    self.facts = facts
    self.verdict = verdict
    self.message = message
  }
}

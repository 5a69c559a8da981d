/// A classification with the evidence that produced it: every state comes with its why.
public struct Verdict: Sendable, Equatable, Codable {
  public var state: RunState
  /// Human-readable, naming the evidence ("runner pid 4121 gone, vm-03 still RUNNING, ...").
  public var reason: String
  /// Which row of the decision table decided.
  public var rule: ClassificationRule.ID

  public init(state: RunState, reason: String, rule: ClassificationRule.ID) {
    self.state = state
    self.reason = reason
    self.rule = rule
  }
}

/// What one `check` adds to the cumulative counters: built from the decisions it made and
/// what became of the posts it sent, then added to the stored counters under their lock.
public struct MetricsDelta: Sendable, Equatable {
  /// The increments, in the shape of the counters they are added to.
  public private(set) var increments = MetricsCounters()

  /// Nothing counted yet.
  public init() {}

  /// The increments of one check.
  ///
  /// - Parameters:
  ///   - exit: the check's exit status; counted even when there is no report (lock busy).
  ///   - report: the decision record the check returned, whose deliveries say how each send
  ///     ended.
  ///   - plans: the posting plan of each scope in `report`, keyed by scope name.
  ///   - targets: the configured targets, for the type a post went to.
  public init(
    exit: ExitStatus, report: CheckReport?, plans: [String: [DeliveryDecision]], targets: [NotifyTarget]
  ) {
    checked(exit: exit)
    for scope in report?.scopes ?? [] {
      for decision in plans[scope.scope] ?? [] {
        count(decision, scope: scope, targetType: targets.first { $0.name == decision.target }?.kind)
      }
    }
  }

  /// Counts one decision: a send by how it ended, otherwise a duplicate prevented or a
  /// suppression with its reason.
  /// - Parameter targetType: the type of the decision's target; `nil` counts as `unknown`.
  public mutating func count(
    _ decision: DeliveryDecision, scope: ScopeReport, targetType: NotifyTarget.Kind?
  ) {
    if decision.sends {
      guard let outcome = scope.deliveries.first(where: { $0.target == decision.target })?.outcome,
        MetricsCounters.deliveryOutcomes.contains(outcome)
      else { return }
      delivery(outcome)
      if outcome == .delivered { post(targetType: targetType?.rawValue ?? "unknown", state: scope.state) }
    } else if case .none(.alreadyDelivered) = decision.action {
      increments.duplicatesPrevented += 1
    } else if let reason = SuppressionReason(decision, state: scope.state) {
      increments.suppressions[reason.rawValue, default: 0] += 1
    }
  }

  /// One invocation of `check` that ended with `exit`.
  public mutating func checked(exit: ExitStatus) {
    increments.checks[String(exit.rawValue), default: 0] += 1
  }

  /// A message delivered to a target of `targetType` announcing `state`.
  public mutating func post(targetType: String, state: RunState) {
    increments.posts[targetType, default: [:]][state.rawValue, default: 0] += 1
  }

  /// How one send ended after this check's attempts.
  public mutating func delivery(_ outcome: ReportedOutcome) {
    increments.deliveries[outcome.rawValue, default: 0] += 1
  }
}

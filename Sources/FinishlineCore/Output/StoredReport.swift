public import FoundationEssentials

/// Builds the decision record of a run from its state file alone (`status`, closed runs).
public enum StoredReport {
  public static func report(_ stored: StoredRun, targets: [NotifyTarget], policy: Policy, now: Date) -> CheckReport {
    CheckReport(run: stored.run, scopes: stored.scopes.map { scope($0, targets: targets, policy: policy, now: now) })
  }

  public static func scope(_ scope: StoredScope, targets: [NotifyTarget], policy: Policy, now: Date) -> ScopeReport {
    let plan = PostingPlanner.plan(
      verdict: scope.verdict, scope: scope, targets: targets, policy: policy, now: now, dryRun: false)
    var deliveries = plan.map {
      DeliveryReport(decision: $0, record: scope.delivery(for: $0.target, kind: $0.kind), view: .recorded)
    }
    for record in scope.deliveries where !targets.contains(where: { $0.name == record.target }) {
      deliveries.append(
        DeliveryReport(target: record.target, outcome: reported(record.outcome), attempts: record.attempts))
    }
    return ScopeReport(stored: scope, deliveries: deliveries)
  }

  /// A ledger entry as reported: an intent without an outcome is an ambiguous send.
  public static func reported(_ outcome: DeliveryRecord.Outcome) -> ReportedOutcome {
    switch outcome {
    case .delivered: .delivered
    case .transientFailure: .transientFailure
    case .terminalFailure: .terminalFailure
    case .ambiguous, .inFlight: .ambiguous
    }
  }
}

public import FoundationEssentials

/// Whether a run needs nothing more from finishline: every scope closed and every post it owes
/// settled (delivered, refused for good, expired or flagged ambiguous). Such a run is answered
/// from its state file alone, and a watch of it may stop.
public enum RunSettlement {
  /// A closed scope and what the planner decides for it now (every decision settled).
  public struct SettledScope: Sendable, Equatable {
    public var scope: StoredScope
    public var plan: [DeliveryDecision]
  }

  /// Each closed scope with its posting plan, or `nil` when some scope is open or owes a post.
  public static func settledPlans(
    _ stored: StoredRun, targets: [NotifyTarget], policy: Policy, now: Date, dryRun: Bool = false
  ) -> [SettledScope]? {
    guard stored.closedAt != nil, !stored.scopes.isEmpty else { return nil }
    var plans: [SettledScope] = []
    for scope in stored.scopes {
      guard scope.isClosed else { return nil }
      let plan = PostingPlanner.plan(
        verdict: scope.verdict, scope: scope, targets: targets, policy: policy, now: now, dryRun: dryRun)
      guard plan.allSatisfy(\.isSettled) else { return nil }
      plans.append(SettledScope(scope: scope, plan: plan))
    }
    return plans
  }

  public static func isSettled(_ stored: StoredRun, targets: [NotifyTarget], policy: Policy, now: Date) -> Bool {
    settledPlans(stored, targets: targets, policy: policy, now: now) != nil
  }
}

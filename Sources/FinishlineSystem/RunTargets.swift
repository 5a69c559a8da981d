public import FinishlineCore
public import FoundationEssentials

/// The targets a run is told about, with the alert subscriptions read from the state
/// (`Configuration.targets(for:subscriptions:)`).
public enum RunTargets {
  public static func targets(
    for run: String, configuration: Configuration, backend: any StateBackend
  ) throws(StateStoreError) -> (targets: [NotifyTarget], subscriptions: [AlertSubscription]) {
    let subscriptions = try backend.alerts.list().filter { $0.matches(run: run) }
    return (configuration.targets(for: run, subscriptions: subscriptions), subscriptions)
  }

  /// Whether `run` needs nothing more: closed, every post it owes settled (`RunSettlement`).
  /// A watch stops itself on this; an unreadable alert list leaves it watching.
  public static func isSettled(
    _ run: String, configuration: Configuration, backend: any StateBackend, now: Date
  ) -> Bool {
    guard case .stored(let stored)? = try? backend.peek(run),
      let targets = try? targets(for: run, configuration: configuration, backend: backend).targets
    else { return false }
    return RunSettlement.isSettled(stored, targets: targets, policy: configuration.policy, now: now)
  }
}

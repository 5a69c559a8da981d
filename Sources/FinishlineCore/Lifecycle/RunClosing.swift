public import FoundationEssentials

/// The run's own record once its scopes are judged: its state and reason (a plain run's are its
/// scope's; a categorized parent's summarize its groups, `ParentSummary`) and whether it closes.
public enum RunClosing {
  /// What a categorized parent shows of itself in this snapshot, apart from its groups.
  public struct ParentFacts: Sendable, Equatable {
    public var configuredGroups: Bool
    public var endMarkerPresent: Bool
    public var cancelled: Bool
    /// `nil` without `runner_match`.
    public var runnerAlive: Bool?

    public init(configuredGroups: Bool, endMarkerPresent: Bool, cancelled: Bool, runnerAlive: Bool?) {
      self.configuredGroups = configuredGroups
      self.endMarkerPresent = endMarkerPresent
      self.cancelled = cancelled
      self.runnerAlive = runnerAlive
    }
  }

  /// The run's record after a check, and whether this check closed it.
  public struct Closed: Sendable, Equatable {
    /// `stored` with its state, reason, parent runner sighting and `closedAt` updated.
    public var run: StoredRun
    /// The summary when this check closed the run; `nil` when it was already closed or stays open.
    public var closedNow: ParentSummary.Summary?
  }

  public static func close(
    _ stored: StoredRun, specs: [ScopeSpec], parent: ParentFacts?, policy: Policy, now: Date
  ) -> Closed {
    var run = stored
    run.lastSeen = now
    let summary = summary(of: stored, specs: specs, parent: parent, policy: policy, now: now)
    if parent?.runnerAlive == true { run.runnerLastSeen = now }
    run.state = summary.state
    run.reason = summary.reason
    guard run.closedAt == nil, summary.closed else { return Closed(run: run, closedNow: nil) }
    run.closedAt = now
    return Closed(run: run, closedNow: summary)
  }

  static func summary(
    of stored: StoredRun, specs: [ScopeSpec], parent: ParentFacts?, policy: Policy, now: Date
  ) -> ParentSummary.Summary {
    guard let parent else {
      guard let scope = stored.scope(named: stored.run) else {
        return ParentSummary.Summary(state: .running, reason: "", closed: false)
      }
      return ParentSummary.Summary(state: scope.verdict.state, reason: scope.verdict.reason, closed: scope.isClosed)
    }
    let groups = specs.map { spec in
      let scope = stored.scope(named: spec.name)
      return ParentSummary.Group(
        name: spec.group ?? spec.name, state: scope?.verdict.state, closed: scope?.isClosed == true)
    }
    let evidence = ParentSummary.Evidence(
      configuredGroups: parent.configuredGroups, endMarkerPresent: parent.endMarkerPresent,
      cancelled: parent.cancelled, runnerAlive: parent.runnerAlive,
      runnerLastSeen: parent.runnerAlive == true ? now : stored.runnerLastSeen, firstSeen: stored.firstSeen)
    return ParentSummary.summarize(groups, parent: evidence, policy: policy, now: now)
  }
}

extension Configuration {
  /// The targets `run` is told about: `[[notify]]`, then each alert subscription whose job
  /// pattern matches it (SPEC §6.3). `check`, `preview`, `explain` and `status` all take their
  /// targets from here, so they list the same ones.
  /// - Parameter subscriptions: every subscription; those for other jobs are left out here.
  public func targets(for run: String, subscriptions: [AlertSubscription]) -> [NotifyTarget] {
    notify + subscriptions.filter { $0.matches(run: run) }.compactMap { $0.notifyTarget(configuration: self) }
  }
}

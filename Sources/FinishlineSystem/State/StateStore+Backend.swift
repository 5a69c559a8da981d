internal import FinishlineCore

/// The state directory as a backend: its `flock` serializes a run's checks on this host, so a
/// delivery recorded in the run's file under that lock needs no separate claim.
extension StateStore: StateBackend {
  public var location: String { directory }

  public func hold(_ run: String, wait: Double) throws(StateStoreError) -> (any RunHold)? {
    try lock(run, wait: wait)
  }

  public var claims: (any DeliveryClaims)? { nil }
  public var cancellations: (any SharedCancellations)? { nil }
  public var alerts: any AlertBook { AlertStore(directory: directory) }
  public var history: any HistoryBook { HistoryStore(stateDirectory: directory) }
  public func place(of run: String) -> String { statePath(run) }
}

extension FileLock: RunHold {
  public func release() { unlock() }
}

extension AlertStore: AlertBook {}

extension HistoryStore: HistoryBook {}

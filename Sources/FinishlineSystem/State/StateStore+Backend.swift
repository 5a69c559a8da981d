public import FinishlineCore

/// The state directory as a backend: its `flock` serializes a run's checks on this host, so a
/// delivery recorded in the run's file under that lock needs no separate claim.
extension StateStore: StateBackend {
  public var location: String { directory }

  public func hold(_ run: String, wait: Double) throws(StateStoreError) -> (any RunHold)? {
    try lock(run, wait: wait)
  }

  public func claim(_ key: DeliveryKey, lease: Double) throws(StateStoreError) -> DeliveryClaim { .claimed }
  public func settle(_ key: DeliveryKey, outcome: DeliveryRecord.Outcome) throws(StateStoreError) {}
  public func forget(_ keys: [DeliveryKey]) throws(StateStoreError) {}

  public var alerts: any AlertBook { AlertStore(directory: directory) }
  public func cancellation(of run: String) throws(StateStoreError) -> Marker? { nil }
  public func recordCancellation(of run: String, note: String) throws(StateStoreError) -> Bool { false }
  public func clearCancellation(of run: String) throws(StateStoreError) -> Bool { false }
  public func place(of run: String) -> String { statePath(run) }
}

extension FileLock: RunHold {
  public func release() { unlock() }
}

extension AlertStore: AlertBook {}

public import FinishlineCore
public import FoundationEssentials

/// A state that cannot be reached at all (its `env:NAME` unset, its backend not in this
/// build): every use fails with the one error that says why, so each command exits with that
/// error's code (78) and touches nothing.
public struct UnusableState: StateBackend, DeliveryClaims, SharedCancellations {
  let problem: StateStoreError

  public var location: String { "state_url" }
  public var exists: Bool { true }
  public func prepare() throws(StateStoreError) -> String? { throw problem }
  public func hold(_ run: String, wait: Double) throws(StateStoreError) -> (any RunHold)? { throw problem }
  public func peek(_ run: String) throws(StateStoreError) -> StateStore.Peek { throw problem }
  public func load(_ run: String, now: Date) throws(StateStoreError) -> StoredRun? { throw problem }
  public func save(_ run: StoredRun) throws(StateStoreError) { throw problem }
  public func runs() throws(StateStoreError) -> [String] { throw problem }
  public func openRunCount() -> Int { 0 }
  public func claim(_ key: DeliveryKey, lease: Double) throws(StateStoreError) -> DeliveryClaim { throw problem }
  public func settle(_ key: DeliveryKey, outcome: DeliveryRecord.Outcome) throws(StateStoreError) { throw problem }
  public func forget(_ keys: [DeliveryKey]) throws(StateStoreError) { throw problem }
  public var claims: (any DeliveryClaims)? { self }
  public var cancellations: (any SharedCancellations)? { self }
  public var alerts: any AlertBook { UnusableAlerts(problem: problem) }
  public var history: any HistoryBook { UnusableHistory(problem: problem) }
  public func cancellation(of run: String) throws(StateStoreError) -> Marker? { throw problem }
  public func recordCancellation(of run: String, note: String) throws(StateStoreError) { throw problem }
  public func clearCancellation(of run: String) throws(StateStoreError) -> Bool { throw problem }
  public func place(of run: String) -> String { "state_url run \(run)" }
}

struct UnusableAlerts: AlertBook {
  let problem: StateStoreError

  func list() throws(StateStoreError) -> [AlertSubscription] { throw problem }
  func add(_ make: (String) -> AlertSubscription, lockWait: Double) throws(StateStoreError)
    -> (subscription: AlertSubscription, existed: Bool)
  { throw problem }
  func remove(_ id: String, lockWait: Double) throws(StateStoreError) -> Bool { throw problem }
}

struct UnusableHistory: HistoryBook {
  let problem: StateStoreError

  func history(of series: String) throws(StateStoreError) -> SeriesHistory { throw problem }
  func record(
    _ run: FinishedRun, in series: String, keep: Int, lockWait: Double, now: Date
  ) throws(StateStoreError) -> (before: SeriesHistory, note: String?) { throw problem }
  func series() throws(StateStoreError) -> [String] { throw problem }
}

internal import FinishlineCore
internal import FoundationEssentials

/// Where a check writes what it decided and every delivery intent and outcome, before it goes
/// on (SPEC §6.2).
protocol RunLedger: Sendable {
  /// A sub-run's record, where a check by its own build name finds it; `parent` is the run
  /// whose check wrote it.
  func mirror(_ scope: StoredScope, parent: String, now: Date) throws(StateStoreError)
  /// The whole run's record.
  func save(_ run: StoredRun) throws(StateStoreError)
  /// Claims a delivery before its request is sent (`DeliveryClaims.claim`).
  func claim(_ key: DeliveryKey, lease: Double) throws(StateStoreError) -> DeliveryClaim
  /// Records how a claimed delivery ended.
  func settle(_ key: DeliveryKey, outcome: DeliveryRecord.Outcome) throws(StateStoreError)
}

/// The backend's records: one per run, each sub-run's record mirrored to its own first.
struct StoredLedger: RunLedger {
  let backend: any StateBackend
  let subRunFiles: SubRunFiles

  func mirror(_ scope: StoredScope, parent: String, now: Date) throws(StateStoreError) {
    // A plain run's only scope is the run itself: its own record is the one being saved.
    guard scope.scope != parent else { return }
    try subRunFiles.write(scope, parent: parent, now: now)
  }

  func save(_ run: StoredRun) throws(StateStoreError) { try backend.save(run) }

  /// Without separate claims (a directory), the run's hold is the claim.
  func claim(_ key: DeliveryKey, lease: Double) throws(StateStoreError) -> DeliveryClaim {
    try backend.claims?.claim(key, lease: lease) ?? .claimed
  }

  func settle(_ key: DeliveryKey, outcome: DeliveryRecord.Outcome) throws(StateStoreError) {
    try backend.claims?.settle(key, outcome: outcome)
  }
}

/// A dry run's ledger: it decides as a check would and writes nothing.
struct UnwrittenLedger: RunLedger {
  func mirror(_ scope: StoredScope, parent: String, now: Date) throws(StateStoreError) {}
  func save(_ run: StoredRun) throws(StateStoreError) {}
  func claim(_ key: DeliveryKey, lease: Double) throws(StateStoreError) -> DeliveryClaim { .claimed }
  func settle(_ key: DeliveryKey, outcome: DeliveryRecord.Outcome) throws(StateStoreError) {}
}

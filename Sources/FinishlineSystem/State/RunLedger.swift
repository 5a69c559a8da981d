internal import FinishlineCore
internal import FoundationEssentials

/// Where a check writes what it decided and every delivery intent and outcome, before it goes
/// on (SPEC §6.2): the seam a state backend fills.
protocol RunLedger: Sendable {
  /// A sub-run's record, where a check by its own build name finds it; `parent` is the run
  /// whose check wrote it.
  func mirror(_ scope: StoredScope, parent: String, now: Date) throws(StateStoreError)
  /// The whole run's record.
  func save(_ run: StoredRun) throws(StateStoreError)
}

/// The state directory: one file per run, each sub-run's record mirrored to its own file first.
struct DirectoryLedger: RunLedger {
  let store: StateStore
  let subRunFiles: SubRunFiles

  func mirror(_ scope: StoredScope, parent: String, now: Date) throws(StateStoreError) {
    // A plain run's only scope is the run itself: its own file is the one being saved.
    guard scope.scope != parent else { return }
    try subRunFiles.write(scope, parent: parent, now: now)
  }

  func save(_ run: StoredRun) throws(StateStoreError) { try store.save(run) }
}

/// A dry run's ledger: it decides as a check would and writes nothing.
struct UnwrittenLedger: RunLedger {
  func mirror(_ scope: StoredScope, parent: String, now: Date) throws(StateStoreError) {}
  func save(_ run: StoredRun) throws(StateStoreError) {}
}

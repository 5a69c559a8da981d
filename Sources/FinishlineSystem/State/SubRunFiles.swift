internal import FinishlineCore
internal import FoundationEssentials

/// Where a scope's delivery records are found whichever way it is checked (SPEC §4): a
/// categorized parent's check writes each sub-run's record to the sub-run's own state file as
/// well (before its own, under the sub-run's lock), and a check by the sub-run's own name reads
/// the records of any parent that lists it.
struct SubRunFiles {
  let backend: any StateBackend
  /// `categorize.subrun`, to find the parents a build name may be a sub-run of.
  let template: String

  /// The sub-run's own record, as its own file holds it; `nil` when there is none (or the file
  /// is unusable: the sub-run's own check deals with that).
  func ownScope(_ scope: String) -> StoredScope? {
    guard case .stored(let run)? = try? backend.peek(scope) else { return nil }
    return run.scope(named: scope)
  }

  /// The records every categorized parent holds for `scope`, read without a lock: state files
  /// are replaced atomically, and a parent holds the sub-run's lock while it delivers to it.
  func parentScopes(of scope: String) -> [(parent: String, scope: StoredScope)] {
    SubRunNaming.parentCandidates(of: scope, template: template).compactMap { candidate in
      guard case .stored(let run)? = try? backend.peek(candidate.run), run.kind == .categorized,
        let record = run.scope(named: scope)
      else { return nil }
      return (candidate.run, record)
    }
  }

  /// Writes `scope` into the sub-run's own file, keeping what else that file holds.
  func write(_ scope: StoredScope, parent: String, now: Date) throws(StateStoreError) {
    var own: StoredRun
    if case .stored(let existing)? = try? backend.peek(scope.scope) {
      own = existing
    } else {
      own = StoredRun(run: scope.scope, kind: .plain, now: scope.firstSeen)
    }
    own.parent = parent
    own.update(scope)
    own.lastSeen = now
    own.state = scope.verdict.state
    own.reason = scope.verdict.reason
    own.closedAt = scope.closedAt
    try backend.save(own)
  }
}

extension StoredScope {
  /// This record with the others' delivery records adopted (`DeliveryLedger.adopt`).
  func adopting(_ others: [StoredScope]) -> StoredScope {
    var merged = self
    for other in others {
      merged.deliveries = DeliveryLedger.adopt(other.deliveries, into: merged.deliveries)
    }
    return merged
  }
}

/// A sub-run's lock is held by a check of its own name; its parent's check waits its turn.
struct SubRunBusy: Error, CustomStringConvertible {
  var scope: String
  var description: String { "sub-run \(scope) is locked by another invocation (a check by its own name)" }
}

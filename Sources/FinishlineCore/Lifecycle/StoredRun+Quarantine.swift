public import FoundationEssentials

extension StoredRun {
  /// The record kept for a run whose state file could not be trusted and was moved aside: closed
  /// as UNKNOWN with `reason` (which says where the file went and how to reset), so it posts
  /// nothing and `status` shows what happened until an operator resets it.
  public static func quarantined(_ run: String, reason: String, now: Date) -> StoredRun {
    var stored = StoredRun(run: run, kind: .plain, now: now)
    var scope = StoredScope(scope: run, group: nil, now: now)
    scope.verdict = Verdict(state: .unknown, reason: reason, rule: .closed)
    scope.closedAt = now
    stored.update(scope)
    stored.state = .unknown
    stored.reason = reason
    stored.closedAt = now
    stored.record(Transition(at: now, scope: run, from: nil, to: .unknown, reason: reason))
    return stored
  }
}

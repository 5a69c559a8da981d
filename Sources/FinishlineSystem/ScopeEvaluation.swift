public import FinishlineCore
public import FoundationEssentials

/// One scope's snapshot, read from disk and the process table, and its verdict
/// (`ScopeJudgement.classify`).
public struct ScopeEvaluation: Sendable {
  public var snapshot: RunSnapshot
  public var facts: EvidenceFacts
  public var verdict: Verdict

  public init(
    configuration: Configuration, scope: String, stored: StoredScope?, processes: any ProcessTable, now: Date,
    startedAt: Date? = nil, parentCancel: Marker? = nil, sharedCancel: Marker? = nil,
    parseCache: SnapshotBuilder.ParseCacheUse = .off, origin: SubRunOrigin? = nil
  ) throws(SnapshotError) {
    var builder = SnapshotBuilder(
      sources: configuration.run, stateDir: configuration.stateDir, processes: processes)
    builder.parseCache = parseCache
    builder.origin = origin
    let seen = try builder.snapshot(
      scope: scope, now: now,
      start: SnapshotBuilder.StartEvidence(
        flag: startedAt, recordedRunner: stored?.runnerStartedAt, firstSeen: stored?.firstSeen ?? now),
      sharedCancel: sharedCancel)
    (snapshot, facts, verdict) = ScopeJudgement.classify(
      seen, stored: stored, parentCancel: parentCancel,
      resultFilesExpected: configuration.run.expectsReports,
      policy: configuration.policy, now: now)
  }
}

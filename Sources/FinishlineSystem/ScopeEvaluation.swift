public import FinishlineCore
public import FoundationEssentials

/// One scope's snapshot and verdict: the part of `check` that `explain` repeats without
/// writing anything, kept in one place so both always decide the same way.
public struct ScopeEvaluation: Sendable {
  public var snapshot: RunSnapshot
  public var facts: EvidenceFacts
  public var verdict: Verdict

  public init(
    configuration: Configuration, scope: String, stored: StoredScope?, processes: any ProcessTable, now: Date,
    startedAt: Date? = nil, cancelOverride: Marker? = nil
  ) throws(SnapshotError) {
    let builder = SnapshotBuilder(
      sources: configuration.run, stateDir: configuration.stateDir, processes: processes)
    snapshot = try builder.snapshot(
      scope: scope, now: now,
      start: SnapshotBuilder.StartEvidence(
        flag: startedAt, recordedRunner: stored?.runnerStartedAt, firstSeen: stored?.firstSeen ?? now))
    // A categorized parent's cancel marker cancels every sub-run that is not closed yet.
    if let cancelOverride, cancelOverride.present { snapshot.cancelMarker = cancelOverride }
    let input = ClassificationInput(
      snapshot: snapshot, firstSeen: stored?.firstSeen ?? now, lastRunnerSeen: stored?.lastRunnerSeen,
      closedVerdict: stored?.isClosed == true ? stored?.verdict : nil,
      resultFilesExpected: !(configuration.run.mochawesome.isEmpty && configuration.run.junit.isEmpty),
      policy: configuration.policy, now: now)
    facts = EvidenceFacts(input)
    verdict = Classifier.classify(facts)
  }
}

internal import FinishlineCore
internal import FoundationEssentials

/// A scope's place in its series (SPEC §8.1): recorded when the scope is first judged
/// COMPLETED or FAILED, before anything is posted, so the post can say what changed.
extension CheckPipeline {
  /// The scope against its series, or `nil` when history is off, the verdict is not COMPLETED
  /// or FAILED, the record has its history already, or the history cannot be reached (logged:
  /// the post goes out without it, never held back by it).
  ///
  /// A check records the run in the series, keyed by its build name, and compares it with the
  /// runs recorded before it; a dry run (`explain`, `preview`, `--dry-run`) compares the same
  /// way without recording. Recording again after a crash replaces the run's own entry and
  /// finds the same baseline, so a run never counts twice.
  func history(
    of spec: ScopeSpec, origin: SubRunOrigin?, existing: StoredScope?, verdict: Verdict, snapshot: RunSnapshot,
    parentCancelled: Bool, now: Date, log: EventLog
  ) -> ScopeHistory? {
    let settings = configuration.history
    guard settings.enabled, verdict.state.isFinalStatus, existing?.history == nil,
      existing != nil || !parentCancelled
    else { return nil }
    let series = settings.naming.series(of: origin?.parent ?? spec.name, group: origin?.group)
    let run = FinishedRun(build: spec.name, state: verdict.state, recordedAt: now, snapshot: snapshot)
    let before: SeriesHistory
    do {
      if request.mode.writes {
        let recorded = try backend.history.record(
          run, in: series, keep: settings.keep, lockWait: request.lockWait, now: now)
        if let note = recorded.note { log.error("history-set-aside", [("series", series), ("reason", note)]) }
        before = recorded.before
      } else {
        before = try backend.history.history(of: series)
      }
    } catch {
      log.error(
        "history-failed",
        [("series", series), ("reason", "\(error.description); posted without what changed since the last run")])
      return nil
    }
    let labels = HistoryComparison.labels(of: run, in: before, flakyWindow: settings.flakyWindow)
    log.info(
      "history",
      [
        ("series", series), ("compared_with", labels.comparedWith ?? "none (first run of the series)"),
        ("new", String(labels.new.count)), ("still_failing", String(labels.stillFailing.count)),
        ("fixed", String(labels.fixed.count)), ("recorded", String(request.mode.writes)),
      ])
    return ScopeHistory(series: series, labels: labels)
  }
}

internal import FinishlineCore
internal import FoundationEssentials

/// What a categorized run shows on disk for this check: its groups' sub-runs in posting order
/// and the parent's own evidence (cancel marker, runner, end marker), which `RunClosing` and
/// `ScopeJudgement` judge.
struct SubRunPlan {
  var specs: [ScopeSpec]
  var parentCancel: Marker
  var parent: RunClosing.ParentFacts

  /// - Parameters:
  ///   - sharedCancel: the parent's cancellation recorded in a shared state, which stands for a
  ///     cancel marker file this host does not have.
  ///   - startedAt: `--started-at`, which with the start marker and the runners dates the
  ///     parent's start, so an earlier build's group folders in a reused workspace are not
  ///     discovered as this build's groups.
  init(
    configuration: Configuration, stored: StoredRun, processes: any ProcessTable, sharedCancel: Marker?,
    startedAt: Date?, now: Date
  ) throws(SnapshotError) {
    let run = stored.run
    let categorize = configuration.categorize
    let builder = SnapshotBuilder(sources: configuration.run, stateDir: configuration.stateDir, processes: processes)
    let runners = try builder.runners(scope: run)
    var discovered: [SubRunSchedule.Discovered] = []
    if categorize.groups.isEmpty {
      let start = try builder.runStart(
        scope: run, evidence: SnapshotBuilder.StartEvidence(flag: startedAt, firstSeen: stored.firstSeen),
        runners: runners)
      discovered = try Self.discover(builder, parent: run, template: categorize.subrun, start: start)
    }
    let groups = SubRunSchedule.order(
      configured: categorize.groups, recorded: stored.scopes.compactMap(\.group), discovered: discovered)
    specs = ScopeSpec.subRuns(of: run, groups: groups, template: categorize.subrun, stored: stored)
    parentCancel = try builder.cancelMarker(scope: run, shared: sharedCancel)
    parent = RunClosing.ParentFacts(
      configuredGroups: !categorize.groups.isEmpty,
      endMarkerPresent: try builder.marker(configuration.run.endMarker, scope: run).present,
      cancelled: parentCancel.present, runnerAlive: runners.map { !$0.isEmpty })
  }

  /// Groups whose sub-run build names (or, with `{group}` in a glob, folders) appear in any
  /// source glob, with their first appearance; files an earlier build left are not counted.
  static func discover(
    _ builder: SnapshotBuilder, parent: String, template: String, start: RunStart
  ) throws(SnapshotError) -> [SubRunSchedule.Discovered] {
    let sources = builder.sources
    var firstSeen: [String: Date] = [:]
    for source in sources.reportPatterns.map(\.pattern) + sources.statusLogs {
      guard let pattern = SubRunNaming.discoveryPattern(source: source, template: template) else { continue }
      for artifact in try builder.find([pattern], scope: parent) {
        guard let group = artifact.machine, !group.isEmpty,
          !start.setsAside(modifiedAt: artifact.modifiedAt, pattern: source)
        else { continue }
        firstSeen[group] = min(firstSeen[group] ?? artifact.modifiedAt, artifact.modifiedAt)
      }
    }
    return firstSeen.map { SubRunSchedule.Discovered(group: $0.key, firstSeen: $0.value) }
  }
}

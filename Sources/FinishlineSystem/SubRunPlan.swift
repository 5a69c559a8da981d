internal import FinishlineCore
internal import FoundationEssentials

/// One scope a check evaluates: the plain run, or one group's sub-run.
struct ScopeSpec: Sendable {
  var name: String
  var group: String?
  /// "group k of n" for messages.
  var position: (index: Int, count: Int)?
  /// A sub-run is due once every earlier group is closed (or it shows evidence itself);
  /// until then its `start_grace` does not run, because groups usually run one after another.
  var due: Bool
}

/// The groups of a categorized run for this invocation, in posting order, and the parent's
/// own evidence (cancel marker, runner, end marker) that decides when the parent closes.
struct SubRunPlan {
  var specs: [ScopeSpec]
  var parentCancel: Marker
  var parentRunnerAlive: Bool?
  var parentEndMarker: Marker
  var configuredGroups: Bool
  var policy: Policy
  var firstSeen: Date

  init(configuration: Configuration, stored: StoredRun, processes: any ProcessTable, now: Date) throws(SnapshotError) {
    let parent = stored.run
    let categorize = configuration.categorize
    let builder = SnapshotBuilder(sources: configuration.run, stateDir: configuration.stateDir, processes: processes)
    let discovered =
      categorize.groups.isEmpty ? try Self.discover(builder, parent: parent, template: categorize.subrun) : []
    let groups = SubRunSchedule.order(
      configured: categorize.groups, recorded: stored.scopes.compactMap(\.group), discovered: discovered)
    var specs: [ScopeSpec] = []
    for (index, group) in groups.enumerated() {
      let name = SubRunNaming.buildName(template: categorize.subrun, run: parent, group: group)
      let previousClosed = specs.last.map { stored.scope(named: $0.name)?.isClosed == true } ?? true
      specs.append(ScopeSpec(name: name, group: group, position: (index + 1, groups.count), due: previousClosed))
    }
    self.specs = specs
    parentCancel = try builder.marker(configuration.run.cancelMarker ?? RunSources.defaultCancelMarker, scope: parent)
    parentRunnerAlive = try builder.runners(scope: parent).map { !$0.isEmpty }
    parentEndMarker = try builder.marker(configuration.run.endMarker, scope: parent)
    configuredGroups = !categorize.groups.isEmpty
    policy = configuration.policy
    firstSeen = stored.firstSeen
  }

  /// Groups whose sub-run build names appear in any source glob, with their first appearance.
  static func discover(_ builder: SnapshotBuilder, parent: String, template: String) throws(SnapshotError)
    -> [SubRunSchedule.Discovered]
  {
    let sources = builder.sources
    var firstSeen: [String: Date] = [:]
    for source in sources.mochawesome + sources.junit + sources.statusLogs {
      guard let pattern = SubRunNaming.discoveryPattern(source: source, template: template) else { continue }
      for artifact in try builder.find([pattern], scope: parent) {
        guard let group = artifact.machine, !group.isEmpty else { continue }
        firstSeen[group] = min(firstSeen[group] ?? artifact.modifiedAt, artifact.modifiedAt)
      }
    }
    return firstSeen.map { SubRunSchedule.Discovered(group: $0.key, firstSeen: $0.value) }
  }

  /// The parent's state, reason and whether it is closed (`ParentSummary`).
  func parentSummary(_ stored: StoredRun, specs: [ScopeSpec], now: Date) -> ParentSummary.Summary {
    let groups = specs.map { spec in
      let scope = stored.scope(named: spec.name)
      return ParentSummary.Group(
        name: spec.group ?? spec.name, state: scope?.verdict.state, closed: scope?.isClosed == true)
    }
    let evidence = ParentSummary.Evidence(
      configuredGroups: configuredGroups, endMarkerPresent: parentEndMarker.present, cancelled: parentCancel.present,
      runnerAlive: parentRunnerAlive, runnerLastSeen: parentRunnerAlive == true ? now : stored.runnerLastSeen,
      firstSeen: firstSeen)
    return ParentSummary.summarize(groups, parent: evidence, policy: policy, now: now)
  }
}

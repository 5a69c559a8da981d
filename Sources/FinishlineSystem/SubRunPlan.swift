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

  /// The parent's state, reason and whether it is closed. It never posts: it closes when every
  /// configured group is closed, or (discovering groups) when every detected sub-run is closed
  /// and the parent's runner is gone, its end marker exists, or `max_runtime` has passed.
  func parentSummary(_ stored: StoredRun, specs: [ScopeSpec], now: Date) -> (RunState, String, Bool) {
    let scopes = specs.compactMap { stored.scope(named: $0.name) }
    let allClosed = !scopes.isEmpty && scopes.count == specs.count && scopes.allSatisfy(\.isClosed)
    let parentDone =
      configuredGroups || parentRunnerAlive == false || parentEndMarker.present
      || now.timeIntervalSince(firstSeen) >= policy.maxRuntime || parentCancel.present
    let states = scopes.map(\.verdict.state)
    let listing = zip(specs, specs.map { stored.scope(named: $0.name)?.verdict.state })
      .map { "\($0.group ?? $0.name) \($1?.rawValue ?? "waiting")" }.joined(separator: ", ")
    guard allClosed, parentDone else {
      let why = allClosed ? "; waiting for the parent runner to finish before closing" : ""
      return (.running, "\(specs.count) group(s): \(listing)\(why)", false)
    }
    let state: RunState =
      states.contains(.failed)
      ? .failed
      : states.allSatisfy { $0 == .completed }
        ? .completed
        : states.first { !$0.isFinalStatus } ?? .completed
    return (state, "all \(specs.count) group(s) closed: \(listing)", true)
  }
}

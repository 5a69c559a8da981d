/// One scope a check evaluates: the plain run, or one group's sub-run.
public struct ScopeSpec: Sendable, Equatable {
  public var name: String
  public var group: String?
  /// "group k of n" for messages.
  public var position: GroupPosition?
  /// A sub-run is due once every earlier group is closed (or it shows evidence itself);
  /// until then its `start_grace` does not run, because groups usually run one after another.
  public var due: Bool

  public struct GroupPosition: Sendable, Equatable {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
      self.index = index
      self.count = count
    }
  }

  public init(name: String, group: String? = nil, position: GroupPosition? = nil, due: Bool = true) {
    self.name = name
    self.group = group
    self.position = position
    self.due = due
  }

  /// The sub-runs of a categorized run, in posting order (`SubRunSchedule.order`): each named by
  /// the `subrun` template and due once the group before it is closed.
  public static func subRuns(of run: String, groups: [String], template: String, stored: StoredRun) -> [ScopeSpec] {
    var specs: [ScopeSpec] = []
    for (index, group) in groups.enumerated() {
      let name = SubRunNaming.buildName(template: template, run: run, group: group)
      let previousClosed = specs.last.map { stored.scope(named: $0.name)?.isClosed == true } ?? true
      specs.append(
        ScopeSpec(
          name: name, group: group, position: GroupPosition(index: index + 1, count: groups.count),
          due: previousClosed))
    }
    return specs
  }
}

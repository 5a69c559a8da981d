public import FoundationEssentials

/// The order of a categorized run's groups: posts go out in this order, one per group.
public enum SubRunSchedule {
  /// A group found in the artifacts, with the time its first artifact appeared.
  public struct Discovered: Sendable, Equatable {
    public var group: String
    public var firstSeen: Date

    public init(group: String, firstSeen: Date) {
      self.group = group
      self.firstSeen = firstSeen
    }
  }

  /// Configured groups keep their configured order. Without configuration, groups already
  /// recorded keep their recorded order and new ones follow by when they first appeared, so
  /// a group's position never changes once people have seen it.
  public static func order(configured: [String], recorded: [String], discovered: [Discovered]) -> [String] {
    guard configured.isEmpty else { return configured }
    let fresh = discovered.filter { !recorded.contains($0.group) }
      .sorted { ($0.firstSeen, $0.group) < ($1.firstSeen, $1.group) }
    return recorded + fresh.map(\.group)
  }

  /// The group that holds the posts of the groups after `spec`: the first earlier one still open,
  /// else `spec`'s own once it is judged and not closed, so a categorized run posts in order.
  public static func holder(_ earlier: String?, after spec: ScopeSpec, in stored: StoredRun) -> String? {
    earlier ?? (stored.scope(named: spec.name)?.isClosed == true ? nil : spec.group ?? spec.name)
  }
}

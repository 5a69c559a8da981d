/// Which categorized parent and group a sub-run belongs to, so a result glob with `{group}`
/// (`cypress/results/{group}/*.json`) is read in the parent's tree: there `{run}` is the
/// parent's build name and `{group}` the group's name.
public struct SubRunOrigin: Sendable, Equatable {
  public var parent: String
  public var group: String

  public init(parent: String, group: String) {
    self.parent = parent
    self.group = group
  }

  /// The origin of `scope` when its own record names its parent: a sub-run checked by its own
  /// build name reads the same files as its parent's check of it.
  public static func of(scope: String, parent: String?, template: String) -> SubRunOrigin? {
    guard let parent else { return nil }
    return SubRunNaming.parentCandidates(of: scope, template: template)
      .first { $0.run == parent }
      .map { SubRunOrigin(parent: parent, group: $0.group) }
  }
}

/// One `/`-separated step of a compiled path pattern. A walker handles one segment per
/// directory level, and needs to list a directory only when the segment is not a plain name.
public enum PathSegment: Sendable, Equatable {
  /// A plain name (after `{run}` and `{state_dir}` expansion): look it up, don't list.
  case literal(String)
  /// A name with wildcards or the `{machine}` capture.
  case wildcard(NamePattern)
  /// `**`: zero or more directory levels, not counting hidden directories.
  case anyDirectories

  /// Whether a directory entry called `name` can stand for this segment; for `**`, whether a
  /// walker may descend into a directory of that name.
  public func matches(_ name: String) -> Bool {
    switch self {
    case .literal(let literal): name == literal
    case .wildcard(let pattern): pattern.match(name) != nil
    case .anyDirectories: !NamePattern.isHidden(name)
    }
  }
}

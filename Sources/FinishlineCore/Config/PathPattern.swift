/// A path glob from the configuration, compiled once for one build name, so that the walker
/// that finds artifacts and the code that names machines agree on what a pattern means.
///
/// `{run}`, `{state_dir}` and `{group}` expand to their values literally; `{machine}` captures a machine
/// name from one path segment or part of one (`results-{machine}.json`). Segments support `*`,
/// `?`, `[abc]`, `[a-z]`, `[!x]` and `\` escapes; a whole segment `**` stands for zero or more
/// directories. A pattern starting with `/` is absolute; any other is relative to the run root.
/// Wildcards do not match names starting with `.`, and `**` does not enter hidden directories.
public struct PathPattern: Sendable, Equatable, CustomStringConvertible {
  /// The pattern as written in the configuration, for messages.
  public let pattern: String
  /// Whether the pattern starts at `/` rather than at the run root.
  public let isAbsolute: Bool
  /// The compiled segments, outermost first; never empty, and never ending in `**`.
  public let segments: [PathSegment]

  /// Compiles `pattern` for the build `run` and, in a categorized run, its `group`.
  /// - Throws: `PathPatternError` naming the problem, such as an unknown `{placeholder}`.
  public init(_ pattern: String, run: String, stateDir: String, group: String? = nil) throws(PathPatternError) {
    var parser = PathPatternParser(pattern: pattern, run: run, stateDir: stateDir, group: group)
    let parsed = try parser.parse()
    self.pattern = pattern
    isAbsolute = parsed.isAbsolute
    segments = parsed.segments
  }

  public var description: String { pattern }

  /// The one path this pattern can match when it has no wildcard or capture at all, as marker
  /// patterns usually do: such a file is checked with one `stat`, not a directory walk.
  public var literalPath: String? {
    var names: [String] = []
    for segment in segments {
      guard case .literal(let name) = segment else { return nil }
      names.append(name)
    }
    return (isAbsolute ? "/" : "") + names.joined(separator: "/")
  }

  /// Whether a walk that matched each segment to one directory entry, in order, has matched
  /// the whole pattern and captured its machine, so the path need not be matched again: so
  /// without `**`, whose alignment a walk does not decide, and without a literal holding `/`.
  public var isMatchedByWalk: Bool {
    segments.allSatisfy { segment in
      switch segment {
      case .anyDirectories: false
      case .literal(let name): !name.contains("/")
      case .wildcard: true
      }
    }
  }

  /// Matches a path relative to the run root (or, for an absolute pattern, an absolute path);
  /// empty components and `.` are ignored, so `./a//b` is `a/b`.
  public func match(relativePath: String) -> PathMatch? {
    // Split on the byte: `/` is ASCII, and splitting into Characters showed in every re-check.
    let components = relativePath.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }.filter { $0 != "." }
    var search = Search(segments: segments, components: components)
    guard search.matches(segment: 0, component: 0) else { return nil }
    let path = components.joined(separator: "/")
    return PathMatch(path: isAbsolute ? "/" + path : path, machine: search.machine)
  }

  /// Matches segments against path components, remembering failures so that `**` cannot make
  /// the work grow exponentially.
  private struct Search {
    let segments: [PathSegment]
    let components: [Substring]
    var failed: Set<Int> = []
    var machine: String?

    init(segments: [PathSegment], components: [Substring]) {
      self.segments = segments
      self.components = components
    }

    mutating func matches(segment: Int, component: Int) -> Bool {
      let key = segment * (components.count + 1) + component
      if failed.contains(key) { return false }
      if attempt(segment: segment, component: component) { return true }
      failed.insert(key)
      return false
    }

    private mutating func attempt(segment: Int, component: Int) -> Bool {
      guard segment < segments.count else { return component == components.count }
      let name = component < components.count ? components[component] : nil
      switch segments[segment] {
      case .anyDirectories:
        if matches(segment: segment + 1, component: component) { return true }
        guard let name, !NamePattern.isHidden(name) else { return false }
        return matches(segment: segment, component: component + 1)
      case .literal(let literal):
        guard let name, name == literal else { return false }
        return matches(segment: segment + 1, component: component + 1)
      case .wildcard(let pattern):
        guard let name, let nameMatch = pattern.match(name),
          matches(segment: segment + 1, component: component + 1)
        else { return false }
        machine = nameMatch.machine ?? machine
        return true
      }
    }
  }
}

/// A path that matched a `PathPattern`.
public struct PathMatch: Sendable, Equatable {
  /// The path as matched, with empty and `.` components removed.
  public var path: String
  /// What `{machine}` captured, when the pattern has it.
  public var machine: String?

  public init(path: String, machine: String? = nil) {
    self.path = path
    self.machine = machine
  }
}

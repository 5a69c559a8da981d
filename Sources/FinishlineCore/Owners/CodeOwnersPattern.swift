/// One CODEOWNERS path pattern, read as its host reads it (SPEC §8.2), so a spec is owned by
/// whoever GitHub or GitLab would ask to review it.
///
/// GitHub follows gitignore: a pattern with a slash at its start or middle is anchored at the
/// repository root, one without matches at any depth, a trailing slash matches only
/// directories, and a pattern that matches a directory owns everything under it, except
/// that a last segment of `*` (`docs/*`) owns only the files directly in it. GitLab runs
/// `File.fnmatch` over `/path` after prefixing an unanchored pattern with `/**/` and a
/// trailing slash with `**/*`: a pattern without a trailing slash matches exactly one path.
/// In both, `*` and `?` never cross a slash (and match dotfiles), and `**` between slashes is
/// any number of directories. Neither supports character ranges: `[` is literal.
public struct CodeOwnersPattern: Sendable, Equatable {
  public enum Dialect: String, Sendable, Equatable, CaseIterable {
    case github
    case gitlab
  }

  /// The pattern as written, for `explain`.
  public let text: String
  let segments: [String]
  /// GitHub: a match of a directory also owns what is in it.
  let ownsContents: Bool
  /// GitHub's trailing slash: only a directory (a proper prefix of the path) matches.
  let directoryOnly: Bool
  let dialect: Dialect

  public init(_ text: String, dialect: Dialect) {
    self.text = text
    self.dialect = dialect
    var pattern = Substring(text)
    let trailingSlash = pattern.count > 1 && pattern.hasSuffix("/")
    switch dialect {
    case .github:
      if trailingSlash { pattern = pattern.dropLast() }
      let anchored = pattern.hasPrefix("/") || pattern.dropFirst().contains("/")
      var segments = pattern.split(separator: "/").map(String.init)
      if !anchored { segments.insert("**", at: 0) }
      self.segments = segments
      ownsContents = trailingSlash || segments.last != "*"
      directoryOnly = trailingSlash
    case .gitlab:
      var normalized = String(pattern)
      if normalized == "*" { normalized = "/**/*" }
      if !normalized.hasPrefix("/") { normalized = "/**/" + normalized }
      if normalized.hasSuffix("/") { normalized += "**/*" }
      segments = normalized.split(separator: "/").map(String.init)
      ownsContents = false
      directoryOnly = false
    }
  }

  /// Whether the pattern owns `path`, a path relative to the repository root.
  public func matches(_ path: String) -> Bool {
    let parts = path.split(separator: "/").map(String.init)
    guard !parts.isEmpty else { return false }
    if !ownsContents { return Self.glob(segments[...], parts[...], dialect: dialect) }
    let lengths = directoryOnly ? Array(1..<parts.count) : Array(1...parts.count)
    return lengths.contains { Self.glob(segments[...], parts[..<$0], dialect: dialect) }
  }

  /// Segments against path parts; `**` is any number of parts (a trailing one at least one
  /// on GitHub, since `docs/**` owns what is inside docs, and exactly one on GitLab, where
  /// fnmatch reads a `**` not followed by a slash as `*`).
  static func glob(_ segments: ArraySlice<String>, _ parts: ArraySlice<String>, dialect: Dialect) -> Bool {
    guard let first = segments.first else { return parts.isEmpty }
    let rest = segments.dropFirst()
    if first == "**" {
      if rest.isEmpty { return dialect == .github ? !parts.isEmpty : parts.count == 1 }
      return (parts.startIndex...parts.endIndex).contains { glob(rest, parts[$0...], dialect: dialect) }
    }
    guard let part = parts.first, segment(Array(first.unicodeScalars)[...], Array(part.unicodeScalars)[...]) else {
      return false
    }
    return glob(rest, parts.dropFirst(), dialect: dialect)
  }

  /// One segment: `*` any run of characters, `?` one, `\x` the character x.
  static func segment(_ pattern: ArraySlice<Unicode.Scalar>, _ name: ArraySlice<Unicode.Scalar>) -> Bool {
    guard let first = pattern.first else { return name.isEmpty }
    switch first {
    case "*":
      let rest = pattern.drop { $0 == "*" }
      return (name.startIndex...name.endIndex).contains { segment(rest, name[$0...]) }
    case "?":
      return !name.isEmpty && segment(pattern.dropFirst(), name.dropFirst())
    case "\\" where pattern.count > 1:
      let literal = pattern[pattern.index(after: pattern.startIndex)]
      return name.first == literal && segment(pattern.dropFirst(2), name.dropFirst())
    default:
      return name.first == first && segment(pattern.dropFirst(), name.dropFirst())
    }
  }
}

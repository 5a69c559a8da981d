/// A CODEOWNERS file as its host reads it (SPEC §8.2): who owns a path, and the line that says
/// so, for the owners shown on each failure group and for `explain`.
///
/// GitHub: the last matching line decides (a line without owners leaves the path unowned).
/// GitLab: the file is sections (`[Name]`, `^[Name]`, `[Name][2]`, with default owners after
/// the header; lines before the first header are a section without a name; headers of one
/// name, compared without case, are one section), and each section's last matching line
/// contributes; `!pattern` in a section leaves the paths it matches unowned there.
public struct CodeOwners: Sendable, Equatable {
  public struct Rule: Sendable, Equatable {
    /// 1-based line number in the file.
    public var line: Int
    /// The line as written, without surrounding blanks.
    public var text: String
    public var pattern: CodeOwnersPattern
    public var owners: [String]
    /// The GitLab section, as its first header spells it; `nil` before any header and on GitHub.
    public var section: String?
    /// GitLab's `!pattern`.
    public var excludes: Bool
  }

  /// The file read, for messages.
  public var file: String
  public var dialect: CodeOwnersPattern.Dialect
  public var rules: [Rule]
  /// Lines the host would not use either, each "line N: why", for `config check`.
  public var skipped: [String]

  /// - Parameter dialect: `nil` to tell from the file: GitLab when it lies in a `.gitlab`
  ///   folder or has a section header, else GitHub.
  public static func parse(_ text: String, file: String, dialect: CodeOwnersPattern.Dialect? = nil) -> CodeOwners {
    // "\r\n" is one Character, so lines are split on any line break, not on "\n".
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    let dialect =
      dialect ?? (file.contains("/.gitlab/") || lines.contains { SectionHeader($0) != nil } ? .gitlab : .github)
    var owners = CodeOwners(file: file, dialect: dialect, rules: [], skipped: [])
    var section: SectionHeader?
    for (offset, raw) in lines.enumerated() {
      let line = raw.trimmingWhitespace
      guard !line.isEmpty, !line.hasPrefix("#") else { continue }
      if dialect == .gitlab, let header = SectionHeader(line) {
        let known = owners.rules.first { $0.section?.lowercased() == header.name.lowercased() }?.section
        section = SectionHeader(name: known ?? header.name, defaults: header.defaults)
        continue
      }
      owners.add(line, number: offset + 1, section: section)
    }
    return owners
  }

  mutating func add(_ line: Substring, number: Int, section: SectionHeader?) {
    var tokens = Self.tokens(line)
    guard !tokens.isEmpty else { return }
    var pattern = tokens.removeFirst()
    let excludes = pattern.hasPrefix("!")
    if excludes {
      guard dialect == .gitlab else {
        skipped.append("line \(number): `\(pattern)`: GitHub does not support negated patterns")
        return
      }
      pattern.removeFirst()
    }
    let named = tokens.filter(Self.isOwner)
    for token in tokens where !Self.isOwner(token) {
      skipped.append("line \(number): `\(token)` is not an owner (@user, @org/team or an email)")
    }
    rules.append(
      Rule(
        line: number, text: String(line), pattern: CodeOwnersPattern(pattern, dialect: dialect),
        owners: named.isEmpty && !excludes ? section?.defaults ?? [] : named, section: section?.name,
        excludes: excludes))
  }

  /// The lines that decide who owns `path` (relative to the repository root): on GitHub the
  /// last matching line, on GitLab each section's last matching line.
  public func deciding(_ path: String) -> [Rule] {
    let matching = rules.filter { $0.pattern.matches(path) }
    guard dialect == .gitlab else { return matching.last.map { [$0] } ?? [] }
    var sections: [String?] = []
    for rule in matching where !sections.contains(rule.section) { sections.append(rule.section) }
    return sections.compactMap { section in
      let inSection = matching.filter { $0.section == section }
      return inSection.contains(where: \.excludes) ? nil : inSection.last
    }
  }

  /// Every owner of `path`, each once, in the order the deciding lines name them.
  public func owners(of path: String) -> [String] {
    var owners: [String] = []
    for owner in deciding(path).flatMap(\.owners) where !owners.contains(owner) { owners.append(owner) }
    return owners
  }

  /// Every owner the file names, each once, in order of first appearance.
  public var allOwners: [String] {
    var owners: [String] = []
    for owner in rules.flatMap(\.owners) where !owners.contains(owner) { owners.append(owner) }
    return owners
  }

  /// `@user`, `@org/team`, GitLab's `@@role`, or an email address.
  static func isOwner(_ token: String) -> Bool {
    token.count > 1 && token.contains("@") && !token.hasSuffix("@")
  }

  /// Blank-separated tokens, a backslash keeping the blank after it (`path\ with\ spaces/`)
  /// and a token starting with `#` ending the line (a comment after the owners).
  static func tokens(_ line: Substring) -> [String] {
    var tokens: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        current.append(character)
        escaped = true
      } else if character == " " || character == "\t" {
        if !current.isEmpty { tokens.append(current) }
        current = ""
      } else if character == "#", current.isEmpty {
        return tokens
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { tokens.append(current) }
    return tokens
  }
}

/// A GitLab section header: `[Name]`, `^[Name]` (optional), `[Name][2]` (approvals), then
/// default owners.
struct SectionHeader: Sendable, Equatable {
  var name: String
  var defaults: [String]

  init(name: String, defaults: [String]) {
    self.name = name
    self.defaults = defaults
  }

  init?(_ line: Substring) {
    var rest = line.hasPrefix("^") ? line.dropFirst() : line
    guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]") else { return nil }
    let name = rest[rest.index(after: rest.startIndex)..<close].trimmingWhitespace
    rest = rest[rest.index(after: close)...]
    if rest.hasPrefix("["), let end = rest.firstIndex(of: "]"),
      rest[rest.index(after: rest.startIndex)..<end].allSatisfy(\.isNumber)
    {
      rest = rest[rest.index(after: end)...]
    }
    guard !name.isEmpty, rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
    let defaults = CodeOwners.tokens(rest)
    guard defaults.allSatisfy(CodeOwners.isOwner) else { return nil }
    self.name = String(name)
    self.defaults = defaults
  }
}

/// The compiled `runner_match` regex for one build name.
public struct RunnerMatch: @unchecked Sendable {
  // Regex is immutable once compiled; it is not marked Sendable by the standard library.
  private let regex: Regex<AnyRegexOutput>
  /// The pattern after `{run}` expansion, for `explain`.
  public let expanded: String

  /// `{run}` is inserted escaped, so a build name with `.` or `+` matches only itself, and
  /// followed by a boundary, so BUILD-4 never matches BUILD-49's runner. A `-` or a space is a
  /// boundary: a categorized parent BUILD-4 sees its groups' runners (`BUILD-4-smoke`).
  public init(_ pattern: String, run: String) throws {
    expanded = pattern.replacing("{run}", with: RunnerMatch.escape(run) + RunnerMatch.boundary)
    regex = try Regex(expanded)
  }

  /// True when the regex matches anywhere in the command line (arguments joined by spaces).
  public func matches(_ commandLine: String) -> Bool {
    commandLine.contains(regex)
  }

  /// Not followed by a letter, digit or `_`: the build name ends here.
  static let boundary = "(?![A-Za-z0-9_])"

  static func escape(_ literal: String) -> String {
    var result = ""
    for character in literal {
      if "\\^$.|?*+()[]{}-/".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }
}

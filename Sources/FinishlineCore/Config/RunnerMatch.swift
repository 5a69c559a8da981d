/// The compiled `runner_match` regex for one build name.
public struct RunnerMatch: @unchecked Sendable {
  // Regex is immutable once compiled; it is not marked Sendable by the standard library.
  private let regex: Regex<AnyRegexOutput>
  /// The pattern after `{run}` expansion, for `explain`.
  public let expanded: String

  /// `{run}` is inserted escaped, so a build name with `.` or `+` matches only itself.
  public init(_ pattern: String, run: String) throws {
    expanded = pattern.replacing("{run}", with: RunnerMatch.escape(run))
    regex = try Regex(expanded)
  }

  /// True when the regex matches anywhere in the command line (arguments joined by spaces).
  public func matches(_ commandLine: String) -> Bool {
    commandLine.contains(regex)
  }

  static func escape(_ literal: String) -> String {
    var result = ""
    for character in literal {
      if "\\^$.|?*+()[]{}-/".contains(character) { result.append("\\") }
      result.append(character)
    }
    return result
  }
}

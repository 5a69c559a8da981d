/// Why a path pattern from the configuration cannot be used; each case names the pattern and
/// the offending part so the operator can fix the key without guessing.
public enum PathPatternError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The pattern is empty (or only slashes and `.`), so it names no file.
  case empty(pattern: String)
  /// A `[` character class has no closing `]` before the end of its path segment.
  case unclosedBracket(pattern: String)
  /// A `[a-z]` range runs backwards, such as `[z-a]`.
  case reversedRange(String, pattern: String)
  /// A `{` has no closing `}`.
  case unclosedBrace(pattern: String)
  /// A `{name}` that is not `{run}`, `{state_dir}`, `{group}` or `{machine}`.
  case unknownPlaceholder(String, pattern: String)
  /// `{machine}` appears more than once; a path can name only one machine.
  case repeatedMachine(pattern: String)
  /// `**` is mixed with other text in one segment (`logs/**.log`); it must stand alone.
  case globstarInsideSegment(pattern: String)
  /// The pattern ends with a `\` that escapes nothing.
  case trailingBackslash(pattern: String)

  public var description: String {
    switch self {
    case .empty(let pattern):
      "path pattern \"\(pattern)\" names no file"
    case .unclosedBracket(let pattern):
      "path pattern \"\(pattern)\" has a \"[\" without a closing \"]\" in the same path segment"
    case .reversedRange(let range, let pattern):
      "path pattern \"\(pattern)\" has the range [\(range)], which runs backwards"
    case .unclosedBrace(let pattern):
      "path pattern \"\(pattern)\" has a \"{\" without a closing \"}\"; write \\{ for a literal brace"
    case .unknownPlaceholder(let name, let pattern):
      "path pattern \"\(pattern)\" uses the unknown placeholder {\(name)}; "
        + "the placeholders are {run}, {state_dir}, {group} and {machine}"
    case .repeatedMachine(let pattern):
      "path pattern \"\(pattern)\" uses {machine} more than once; a path names one machine"
    case .globstarInsideSegment(let pattern):
      "path pattern \"\(pattern)\" has \"**\" inside a path segment; "
        + "\"**\" must be a whole segment (\"logs/**/*.log\"), or use \"*\" within a name"
    case .trailingBackslash(let pattern):
      "path pattern \"\(pattern)\" ends with a \"\\\" that escapes nothing"
    }
  }
}

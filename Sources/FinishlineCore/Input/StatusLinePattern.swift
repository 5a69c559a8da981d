/// The configured `status_line` regex, checked once when the configuration is loaded so that a
/// typo is reported up front instead of every status line being silently ignored.
///
/// `Regex` is not `Sendable`, so the pattern keeps its source text and `regex()` compiles it
/// where it is used; compiling costs microseconds, once per status log read.
public struct StatusLinePattern: Sendable, Equatable {
  /// The pattern as the user wrote it.
  public let source: String

  /// SPEC §2's default: `2024-05-02 10:11:12 vm-03 RUNNING`.
  public static let defaultSource =
    #"^(?<ts>\S+ \S+) (?<machine>\S+) (?<status>NOT STARTED|RUNNING|PASSED|FAILED|CANCELLED)$"#

  /// Captures that must exist; `ts` is optional.
  private static let requiredGroups = ["machine", "status"]

  /// Checks that `pattern` compiles and has the named captures `machine` and `status`; the
  /// default is known to (`StatusLogParserTests`), and compiling it was a seventh of a closed
  /// run's check, so it is not compiled again here.
  public init(_ pattern: String) throws(StatusLinePatternError) {
    if pattern != Self.defaultSource { try Self.validate(pattern) }
    source = pattern
  }

  /// Compiles `pattern` and looks for its required captures, as `init` does for any pattern
  /// but the default.
  static func validate(_ pattern: String) throws(StatusLinePatternError) {
    let regex: Regex<AnyRegexOutput>
    do {
      regex = try Regex(pattern)
    } catch {
      throw .doesNotCompile(pattern: pattern, reason: String(describing: error))
    }
    for group in Self.requiredGroups where !regex.contains(captureNamed: group) {
      throw .missingGroup(pattern: pattern, group: group)
    }
  }

  private init(source: String) {
    self.source = source
  }

  /// The compiled pattern; `nil` only if `source` stopped compiling, which `init` rules out.
  func regex() -> Regex<AnyRegexOutput>? {
    try? Regex(source)
  }
}

/// Why a `status_line` pattern cannot be used.
public enum StatusLinePatternError: Error, Equatable, CustomStringConvertible {
  /// The text is not a regular expression Swift's `Regex` accepts.
  case doesNotCompile(pattern: String, reason: String)
  /// The pattern lacks a named capture finishline needs, such as `(?<machine>…)`.
  case missingGroup(pattern: String, group: String)

  public var description: String {
    switch self {
    case .doesNotCompile(let pattern, let reason):
      "status_line pattern `\(pattern)` does not compile: \(reason)"
    case .missingGroup(let pattern, let group):
      "status_line pattern `\(pattern)` has no named group `(?<\(group)>…)`; "
        + "it needs `machine` and `status` (and may have `ts`)"
    }
  }
}

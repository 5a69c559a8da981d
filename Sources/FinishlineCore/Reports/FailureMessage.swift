/// Reporters hand over the assertion and its stack trace as one string; people need only the
/// assertion, and failures can only be grouped by message once the stack frames are gone.
enum FailureMessage {
  /// The lines before the first stack frame, trimmed, with runs of blank lines collapsed.
  ///
  /// A stack frame is a line that starts with whitespace and then `at ` (JavaScript and Java
  /// traces). Returns `nil` when nothing but whitespace comes before the first frame, so callers
  /// can fall back to another source of the message.
  static func assertion(from text: String) -> String? {
    var kept: [Substring] = []
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
      if isStackFrame(line) { break }
      var trimmed = line.trimmingTrailingWhitespace
      if kept.isEmpty { trimmed = trimmed.drop(while: \.isWhitespace) }
      if trimmed.isEmpty, kept.last?.isEmpty ?? true { continue }
      kept.append(trimmed)
    }
    while kept.last?.isEmpty == true { kept.removeLast() }
    guard !kept.isEmpty else { return nil }
    return kept.joined(separator: "\n")
  }

  /// `    at Context.eval (webpack:///./cypress/e2e/login.cy.js:12:8)` or `\tat org.junit...`.
  private static func isStackFrame(_ line: Substring) -> Bool {
    let rest = line.drop(while: { $0 == " " || $0 == "\t" })
    return rest.startIndex != line.startIndex && rest.hasPrefix("at ")
  }
}

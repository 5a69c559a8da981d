/// Playwright's JUnit reporter puts only the test's location and title in a failure's
/// `message` (`cart.spec.ts:14:7 adds an item to the cart`) and the whole failure, as its list
/// reporter prints it, in the element's text; this finds the assertion in that text.
enum PlaywrightFailureText {
  /// Whether `message` is `<file>:<line>:<column> <title>` for a test whose name ends in
  /// `title`.
  static func isLocationAndTitle(_ message: String, testName: String) -> Bool {
    guard let space = message.firstIndex(of: " ") else { return false }
    let location = message[..<space].split(separator: ":", omittingEmptySubsequences: false)
    guard location.count >= 3, location.suffix(2).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) })
    else { return false }
    let title = message[message.index(after: space)...]
    return !title.isEmpty && testName.hasSuffix(title)
  }

  /// The failure's own lines: after the header (`[chromium] › cart.spec.ts:14:7 › …`), up to
  /// the source excerpt, a stack frame, the call log or the attachments.
  static func assertion(fromBody text: String) -> String? {
    var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
      .drop { $0.allSatisfy(\.isWhitespace) }
    if let header = lines.first, header.contains("›") { lines = lines.dropFirst() }
    return assertion(lines)
  }

  /// An error's message (Playwright JSON's `error.message`, colour codes gone) up to its call
  /// log or source excerpt, which say where, not what.
  static func assertion(from message: String) -> String? {
    assertion(message.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)[...])
  }

  /// The lines before the first that ends the failure, without the indent they share (the
  /// list reporter indents a failure by four spaces).
  private static func assertion(_ lines: ArraySlice<Substring>) -> String? {
    let kept = lines.prefix { !endsFailure($0) }
    let indent = kept.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
    return FailureMessage.assertion(from: kept.map { $0.dropFirst(min(indent, $0.count)) }.joined(separator: "\n"))
  }

  /// `  > 14 |   expect(…)`, `    at …`, `Call log:`, `=== logs ===`, `attachment #1: …`,
  /// `Retry #1 ───`, `Pending operations:`.
  private static func endsFailure(_ line: Substring) -> Bool {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    let afterMarker = trimmed.hasPrefix(">") ? trimmed.dropFirst().drop { $0 == " " } : trimmed
    let digits = afterMarker.prefix { $0.isASCIIDigit }
    if !digits.isEmpty, afterMarker.dropFirst(digits.count).drop(while: { $0 == " " }).hasPrefix("|") { return true }
    return ["at ", "Call log:", "====", "attachment #", "Retry #", "Pending operations:"].contains {
      trimmed.hasPrefix($0)
    }
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

/// Reporters hand over the assertion and its stack trace as one string; people need only the
/// assertion, and failures can only be grouped by message once the stack frames are gone.
enum FailureMessage {
  /// The lines before the first stack frame, trimmed, with runs of blank lines collapsed.
  ///
  /// A stack frame is a line that starts with whitespace and then `at ` (JavaScript and Java
  /// traces). Returns `nil` when nothing but whitespace comes before the first frame, so callers
  /// can fall back to another source of the message.
  ///
  /// ASCII text, nearly every message, is cut byte by byte; other text Character by Character
  /// (which was a tenth of a cold evaluation when it was the only way).
  static func assertion(from text: String) -> String? {
    guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return characterAssertion(from: text) }
    var text = text
    return text.withUTF8(asciiAssertion)
  }

  /// `assertion(from:)` over Characters, for any text; the reference for the ASCII path.
  static func characterAssertion(from text: String) -> String? {
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

  /// The same cut over ASCII bytes: lines end at LF, CR, CR LF, VT or FF (the ASCII
  /// Characters that are newlines), and whitespace is those, tab and space.
  private static func asciiAssertion(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
    var kept: [Range<Int>] = []
    var start = 0
    while start <= bytes.count {
      var end = start
      while end < bytes.count, !isASCIINewline(bytes[end]) { end += 1 }
      if isStackFrame(bytes, start..<end) { break }
      var line = start..<end
      while let last = line.last, isASCIIWhitespace(bytes[last]) { line = line.dropLast() }
      if kept.isEmpty { while let first = line.first, isASCIIWhitespace(bytes[first]) { line = line.dropFirst() } }
      if !(line.isEmpty && (kept.last?.isEmpty ?? true)) { kept.append(line) }
      let crlf = end + 1 < bytes.count && bytes[end] == ASCII.carriageReturn && bytes[end + 1] == ASCII.newline
      start = end + (crlf ? 2 : 1)
    }
    while kept.last?.isEmpty == true { kept.removeLast() }
    guard !kept.isEmpty else { return nil }
    var joined: [UInt8] = []
    for (index, line) in kept.enumerated() {
      if index > 0 { joined.append(ASCII.newline) }
      joined.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[line]))
    }
    return String(decoding: joined, as: UTF8.self)
  }

  private static func isASCIINewline(_ byte: UInt8) -> Bool { (0x0A...0x0D).contains(byte) }

  private static func isASCIIWhitespace(_ byte: UInt8) -> Bool { (0x09...0x0D).contains(byte) || byte == ASCII.space }

  private static func isStackFrame(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> Bool {
    var index = line.lowerBound
    while index < line.upperBound, bytes[index] == ASCII.space || bytes[index] == ASCII.tab { index += 1 }
    return index > line.lowerBound && index + 3 <= line.upperBound && bytes[index] == UInt8(ascii: "a")
      && bytes[index + 1] == UInt8(ascii: "t") && bytes[index + 2] == ASCII.space
  }

  /// `    at Context.eval (webpack:///./cypress/e2e/login.cy.js:12:8)` or `\tat org.junit...`.
  private static func isStackFrame(_ line: Substring) -> Bool {
    let rest = line.drop(while: { $0 == " " || $0 == "\t" })
    return rest.startIndex != line.startIndex && rest.hasPrefix("at ")
  }
}

import FoundationEssentials

/// `JSONDecoder` only says "not valid JSON"; finishline must tell a file that is still being
/// written (normal evidence) from one that is broken, and say where, so this re-reads the bytes.
enum JSONDiagnosis {
  /// Why `data`, which `JSONDecoder` rejected as not valid JSON, is not valid JSON.
  ///
  /// Only brackets and strings are tracked: that is enough to see truncation, which is the
  /// common case, and a misplaced bracket. Other syntax errors get a generic reason.
  static func reason(for data: Data) -> String {
    data.withUnsafeBytes { raw in reason(for: raw.bindMemory(to: UInt8.self)) }
  }

  private static func reason(for bytes: UnsafeBufferPointer<UInt8>) -> String {
    guard let firstByte = bytes.first(where: { !ASCII.isWhitespace($0) }) else {
      return "empty file (it may still be being written)"
    }
    if firstByte == ASCII.lessThan { return "not JSON: starts with `<` (XML or HTML?)" }
    var open: [(byte: UInt8, line: Int)] = []
    var line = 1
    var inString = false
    var escaped = false
    var sawValue = false
    var deepest = 0
    for byte in bytes {
      if byte == ASCII.newline { line += 1 }
      if inString {
        if escaped {
          escaped = false
        } else if byte == ASCII.backslash {
          escaped = true
        } else if byte == ASCII.doubleQuote {
          inString = false
        }
        continue
      }
      if ASCII.isWhitespace(byte) { continue }
      if sawValue, open.isEmpty {
        return "invalid JSON at line \(line): more content after the end of the document"
      }
      switch byte {
      case ASCII.doubleQuote:
        inString = true
      case ASCII.openBrace, ASCII.openBracket:
        open.append((byte, line))
        deepest = max(deepest, open.count)
      case ASCII.closeBrace, ASCII.closeBracket:
        guard let last = open.popLast() else {
          return "invalid JSON at line \(line): `\(character(byte))` closes nothing"
        }
        if last.byte != (byte == ASCII.closeBrace ? ASCII.openBrace : ASCII.openBracket) {
          return "invalid JSON at line \(line): `\(character(byte))` does not close the "
            + "`\(character(last.byte))` opened at line \(last.line)"
        }
        if open.isEmpty { sawValue = true }
      default:
        break
      }
    }
    if inString {
      return "truncated JSON: ends inside a string at line \(line) (still being written?)"
    }
    if let innermost = open.last {
      return "truncated JSON: ends at line \(line) with \(open.count) unclosed "
        + "object(s)/array(s), the innermost opened at line \(innermost.line) "
        + "(still being written?)"
    }
    if deepest > maximumDepth {
      return "JSON nested \(deepest) levels deep; the decoder accepts at most \(maximumDepth)"
    }
    return "invalid JSON: syntax error (brackets and strings balance, so not truncated)"
  }

  /// How deep `JSONDecoder` nests before it calls valid JSON invalid (measured, Swift 6.3).
  private static let maximumDepth = 512

  private static func character(_ byte: UInt8) -> Character {
    Character(Unicode.Scalar(byte))
  }
}

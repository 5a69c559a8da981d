/// TOML's four string forms: basic `"…"` with escapes, literal `'…'` as written, and their
/// multi-line forms `"""…"""` and `'''…'''`.
extension TOMLParser {
  mutating func string() throws(TOMLParseError) -> String {
    let quote = bytes[index]
    let delimiter = quote == UInt8(ascii: "\"") ? "\"\"\"" : "'''"
    if starts(with: delimiter) {
      index += 3
      // A line end right after the opening delimiter is not part of the string.
      if take("\n") || (peek() == UInt8(ascii: "\r") && peek(1) == UInt8(ascii: "\n") && skip(2)) {}
      return try multiline(quote: quote)
    }
    index += 1
    var text: [UInt8] = []
    while let byte = peek() {
      if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
      try checkControl(byte)
      index += 1
      if byte == quote { return String(decoding: text, as: UTF8.self) }
      if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
        text += try escape()
      } else {
        text.append(byte)
      }
    }
    throw error("the string is not closed on its line")
  }

  private mutating func multiline(quote: UInt8) throws(TOMLParseError) -> String {
    var text: [UInt8] = []
    while let byte = peek() {
      if byte == quote, peek(1) == quote, peek(2) == quote {
        index += 3
        // Up to two quotes right before the closing delimiter belong to the string.
        for _ in 0..<2 where peek() == quote {
          text.append(quote)
          index += 1
        }
        return String(decoding: text, as: UTF8.self)
      }
      if byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { try checkControl(byte) }
      index += 1
      if byte == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") {
        if lineEndingBackslash() { continue }
        text += try escape()
        continue
      }
      text.append(byte)
    }
    throw error("the multi-line string is not closed")
  }

  /// `\` then only whitespace to the line end: the line end and the whitespace after it go.
  private mutating func lineEndingBackslash() -> Bool {
    var lookahead = index
    while lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: " ") || bytes[lookahead] == UInt8(ascii: "\t") {
      lookahead += 1
    }
    guard lookahead < bytes.count, bytes[lookahead] == UInt8(ascii: "\n") || bytes[lookahead] == UInt8(ascii: "\r")
    else { return false }
    index = lookahead
    while let byte = peek(), [0x20, 0x09, 0x0A, 0x0D].contains(byte) { index += 1 }
    return true
  }

  /// The bytes an escape after `\` stands for; an error points at the backslash.
  private mutating func escape() throws(TOMLParseError) -> [UInt8] {
    let backslash = index - 1
    guard let byte = peek() else { throw error("the escape is cut off by the end of the file") }
    index += 1
    switch byte {
    case UInt8(ascii: "b"): return [0x08]
    case UInt8(ascii: "t"): return [0x09]
    case UInt8(ascii: "n"): return [0x0A]
    case UInt8(ascii: "f"): return [0x0C]
    case UInt8(ascii: "r"): return [0x0D]
    case UInt8(ascii: "e"): return [0x1B]
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): return [byte]
    case UInt8(ascii: "u"), UInt8(ascii: "U"):
      let length = byte == UInt8(ascii: "u") ? 4 : 8
      guard index + length <= bytes.count,
        let code = UInt32(String(decoding: bytes[index..<index + length], as: UTF8.self), radix: 16),
        let scalar = Unicode.Scalar(code)
      else {
        index = backslash
        throw error("`\\\(Character(Unicode.Scalar(byte)))` needs \(length) hex digits of a Unicode scalar")
      }
      index += length
      return Array(String(Character(scalar)).utf8)
    default:
      index = backslash
      throw error("\(describe(byte)) cannot be escaped (write \\\\ for a backslash)")
    }
  }

  private func checkControl(_ byte: UInt8) throws(TOMLParseError) {
    guard byte < 0x20 && byte != 0x09 || byte == 0x7F else { return }
    throw error("a control character (\(describe(byte))) must be escaped in a string")
  }

  private mutating func skip(_ count: Int) -> Bool {
    index += count
    return true
  }
}

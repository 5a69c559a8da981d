/// A TOML 1.0 parser over UTF-8 bytes: tables, arrays of tables, dotted and quoted keys,
/// inline tables, arrays, every string form, integers, floats, booleans and date-times.
/// Every malformed input is a `TOMLParseError` naming line and column; none crashes or hangs
/// (it is fuzzed as `InputSurface.toml`).
struct TOMLParser {
  let bytes: [UInt8]
  var index = 0
  var root = TOMLTable()
  /// The key path of the table that key/value lines go to; `[[a]]` paths go into a's last table.
  var current: [String] = []

  static func parse(_ text: String) throws(TOMLParseError) -> TOMLTable {
    var parser = TOMLParser(bytes: Array(text.utf8))
    try parser.document()
    return parser.root
  }

  mutating func document() throws(TOMLParseError) {
    while true {
      skipBlankLines()
      guard let byte = peek() else { return }
      if byte == UInt8(ascii: "[") {
        try header()
      } else {
        let key = try self.key()
        try expect("=", "`=` after the key")
        skipSpaces()
        let value = try self.value()
        try insert(value, at: current, key: key)
      }
      try endOfLine()
    }
  }

  /// `[a.b]` or `[[a.b]]`.
  mutating func header() throws(TOMLParseError) {
    index += 1
    let arrayOfTables = peek() == UInt8(ascii: "[")
    if arrayOfTables { index += 1 }
    skipSpaces()
    let path = try key()
    try expect("]", "`]` closing the table header")
    if arrayOfTables { try expect("]", "`]]` closing the array-of-tables header") }
    if arrayOfTables {
      try appendTable(at: path)
    } else {
      try defineTable(at: path)
    }
    current = path
  }

  /// A key: bare or quoted parts joined by dots.
  mutating func key() throws(TOMLParseError) -> [String] {
    var parts: [String] = []
    repeat {
      skipSpaces()
      parts.append(try simpleKey())
      skipSpaces()
    } while take(".")
    return parts
  }

  mutating func simpleKey() throws(TOMLParseError) -> String {
    guard let byte = peek() else { throw error("a key was expected, the file ended") }
    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
      if starts(with: byte == UInt8(ascii: "\"") ? "\"\"\"" : "'''") {
        throw error("a key cannot be a multi-line string")
      }
      return try string()
    }
    let start = index
    while let next = peek(), Self.isBareKey(next) { index += 1 }
    guard index > start else {
      throw error("a key was expected (A-Z a-z 0-9 _ - or a quoted key), not \(describe(byte))")
    }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  static func isBareKey(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
  }

  // MARK: the scanner

  func peek(_ offset: Int = 0) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }

  func starts(with text: String) -> Bool {
    let scalars = Array(text.utf8)
    return index + scalars.count <= bytes.count && Array(bytes[index..<index + scalars.count]) == scalars
  }

  mutating func take(_ character: Unicode.Scalar) -> Bool {
    guard peek() == UInt8(ascii: character) else { return false }
    index += 1
    return true
  }

  mutating func expect(_ character: Unicode.Scalar, _ what: String) throws(TOMLParseError) {
    skipSpaces()
    guard take(character) else {
      throw error("\(what) was expected, not \(peek().map(describe) ?? "the end of the file")")
    }
  }

  mutating func skipSpaces() {
    while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { index += 1 }
  }

  mutating func skipComment() {
    guard peek() == UInt8(ascii: "#") else { return }
    while let byte = peek(), byte != UInt8(ascii: "\n") { index += 1 }
  }

  /// Spaces, comments and line ends before the next statement (or inside an array).
  mutating func skipBlankLines() {
    while true {
      skipSpaces()
      skipComment()
      if take("\n") { continue }
      if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
        index += 2
        continue
      }
      return
    }
  }

  /// After a statement: spaces, an optional comment, then a line end or the end of the file.
  mutating func endOfLine() throws(TOMLParseError) {
    skipSpaces()
    skipComment()
    if peek() == nil || take("\n") { return }
    if peek() == UInt8(ascii: "\r"), peek(1) == UInt8(ascii: "\n") {
      index += 2
      return
    }
    throw error("a line end was expected after the value, not \(describe(peek() ?? 0))")
  }

  func describe(_ byte: UInt8) -> String {
    guard byte >= 0x21, byte < 0x7F else { return String(format: byte) }
    return "`\(Character(Unicode.Scalar(byte)))`"
  }

  func error(_ message: String) -> TOMLParseError {
    let before = bytes[..<min(index, bytes.count)]
    let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
    let column = before.count - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
    return TOMLParseError(line: line, column: column, message: message)
  }
}

extension String {
  /// "byte 0x8E" for a byte that does not print.
  fileprivate init(format byte: UInt8) {
    let hex = String(byte, radix: 16, uppercase: true)
    self = "byte 0x" + (hex.count == 1 ? "0" + hex : hex)
  }
}

/// Values: strings, booleans, numbers and date-times, arrays and inline tables.
extension TOMLParser {
  mutating func value() throws(TOMLParseError) -> TOMLValue {
    guard let byte = peek() else { throw error("a value was expected, the file ended") }
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try string())
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "{"): return try inlineTable()
    case UInt8(ascii: "t") where starts(with: "true"):
      index += 4
      return .boolean(true)
    case UInt8(ascii: "f") where starts(with: "false"):
      index += 5
      return .boolean(false)
    default: return try scalar()
    }
  }

  /// `[1, 2,]` over any number of lines, with comments.
  mutating func array() throws(TOMLParseError) -> TOMLValue {
    index += 1
    var values: [TOMLValue] = []
    while true {
      skipBlankLines()
      if take("]") { return .array(values) }
      values.append(try value())
      skipBlankLines()
      if take("]") { return .array(values) }
      guard take(",") else {
        throw error("`,` or `]` was expected in the array, not \(peek().map(describe) ?? "the end of the file")")
      }
    }
  }

  /// `{ a = 1, b.c = "x" }` on one line; sealed once closed.
  mutating func inlineTable() throws(TOMLParseError) -> TOMLValue {
    index += 1
    var table = TOMLTable()
    skipSpaces()
    if take("}") { return .table(sealed(table)) }
    while true {
      let key = try self.key()
      try expect("=", "`=` after the key")
      skipSpaces()
      let value = try self.value()
      try table.insert(value, key: key, error)
      skipSpaces()
      if take("}") { return .table(sealed(table)) }
      guard take(",") else {
        throw error("`,` or `}` was expected in the inline table, not \(peek().map(describe) ?? "the end of the file")")
      }
      skipSpaces()
    }
  }

  private func sealed(_ table: TOMLTable) -> TOMLTable {
    var table = table
    table.sealed = true
    return table
  }

  /// A number or a date-time: the longest run of the characters they are written with.
  mutating func scalar() throws(TOMLParseError) -> TOMLValue {
    let start = index
    while let byte = peek(), Self.isScalar(byte) {
      index += 1
      // `1979-05-27 07:32:00`: a date, one space, then a time.
      if index - start == 10, peek() == UInt8(ascii: " "), peek(3) == UInt8(ascii: ":") { index += 1 }
    }
    let token = String(decoding: bytes[start..<index], as: UTF8.self)
    guard !token.isEmpty else {
      throw error("a value was expected (a string, number, boolean, array or table), not \(describe(peek() ?? 0))")
    }
    if let value = TOMLNumber.value(of: token) { return value }
    index = start
    throw error("`\(token)` is not a TOML value (strings need quotes)")
  }

  static func isScalar(_ byte: UInt8) -> Bool {
    isBareKey(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
  }
}

/// Values read the way report readers read scalars: of the expected type, or `nil` with the
/// value skipped, so a reporter that writes `"duration": "12"` loses a duration, not a file.
extension JSONStream {
  /// Consumes a `null`; `false`, consuming nothing, before any other value.
  mutating func skipNull() throws(Doubt) -> Bool {
    guard try isNull() else { return false }
    try literal("null")
    return true
  }

  mutating func lenientString() throws(Doubt) -> String? {
    guard try skipWhitespace() == ASCII.doubleQuote else {
      try skipValue()
      return nil
    }
    _ = try next()
    try string(keep: true)
    return String(decoding: text, as: UTF8.self)
  }

  mutating func lenientNumber() throws(Doubt) -> Double? {
    let first = try skipWhitespace()
    guard first == UInt8(ascii: "-") || ASCII.isDigit(first) else {
      try skipValue()
      return nil
    }
    return try number(keep: true)
  }

  mutating func lenientBoolean() throws(Doubt) -> Bool? {
    let first = try skipWhitespace()
    guard first == UInt8(ascii: "t") || first == UInt8(ascii: "f") else {
      try skipValue()
      return nil
    }
    return try boolean()
  }
}

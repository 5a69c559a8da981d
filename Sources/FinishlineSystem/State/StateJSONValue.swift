/// A JSON document as a tree, parsed strictly (RFC 8259) from UTF-8 bytes, for
/// `StateJSONDecoder`. It accepts a subset of what `JSONDecoder` accepts and throws
/// `StateJSONDoubt` on everything else, so a caller can always fall back to `JSONDecoder`.
indirect enum StateJSONValue {
  case null
  case bool(Bool)
  /// The number's text, checked against JSON's grammar and converted by the type asked for.
  case number(String)
  case string(String)
  case array([StateJSONValue])
  case object([(key: String, value: StateJSONValue)])

  /// The document in `bytes`; throws when it is not one JSON value this parser vouches for.
  static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(StateJSONDoubt) -> StateJSONValue {
    var parser = StateJSONParser(bytes: bytes)
    let value = try parser.value(depth: 0)
    parser.skipWhitespace()
    guard parser.index == bytes.count else { throw StateJSONDoubt() }
    return value
  }
}

/// Whatever the fast state decoder is not sure of; the caller decodes with `JSONDecoder` instead.
struct StateJSONDoubt: Error {}

/// The recursive-descent reader behind `StateJSONValue.parse`.
struct StateJSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  /// State files nest a few levels; anything deeper is left to `JSONDecoder`.
  static let maximumDepth = 64

  mutating func skipWhitespace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  mutating func value(depth: Int) throws(StateJSONDoubt) -> StateJSONValue {
    skipWhitespace()
    guard index < bytes.count, depth < Self.maximumDepth else { throw StateJSONDoubt() }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    default: return .number(try number())
    }
  }

  mutating func literal(_ word: StaticString) throws(StateJSONDoubt) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw StateJSONDoubt() }
    for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw StateJSONDoubt() }
    index += count
  }

  mutating func expect(_ byte: UInt8) throws(StateJSONDoubt) {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == byte else { throw StateJSONDoubt() }
    index += 1
  }

  /// True, past the byte, when the next non-space byte is `byte`.
  mutating func take(_ byte: UInt8) -> Bool {
    skipWhitespace()
    guard index < bytes.count, bytes[index] == byte else { return false }
    index += 1
    return true
  }

  mutating func object(depth: Int) throws(StateJSONDoubt) -> StateJSONValue {
    index += 1
    var members: [(key: String, value: StateJSONValue)] = []
    if take(UInt8(ascii: "}")) { return .object(members) }
    repeat {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw StateJSONDoubt() }
      let key = try string()
      try expect(UInt8(ascii: ":"))
      members.append((key, try value(depth: depth + 1)))
    } while take(UInt8(ascii: ","))
    try expect(UInt8(ascii: "}"))
    return .object(members)
  }

  mutating func array(depth: Int) throws(StateJSONDoubt) -> StateJSONValue {
    index += 1
    var elements: [StateJSONValue] = []
    if take(UInt8(ascii: "]")) { return .array(elements) }
    repeat { elements.append(try value(depth: depth + 1)) } while take(UInt8(ascii: ","))
    try expect(UInt8(ascii: "]"))
    return .array(elements)
  }

  /// A string without escapes is taken as validated UTF-8; one with escapes is decoded.
  mutating func string() throws(StateJSONDoubt) -> String {
    index += 1
    let start = index
    var escaped = false
    while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
      guard bytes[index] >= 0x20 else { throw StateJSONDoubt() }
      if bytes[index] == UInt8(ascii: "\\") {
        escaped = true
        index += 1
      }
      index += 1
    }
    guard index < bytes.count else { throw StateJSONDoubt() }
    let raw = UnsafeBufferPointer(rebasing: bytes[start..<index])
    index += 1
    guard let text = String(validating: raw, as: UTF8.self) else { throw StateJSONDoubt() }
    return escaped ? try Self.unescape(text) : text
  }

  static func unescape(_ text: String) throws(StateJSONDoubt) -> String {
    var result = ""
    var scalars = text.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
      guard scalar == "\\" else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalars.next() {
      case "\"": result += "\""
      case "\\": result += "\\"
      case "/": result += "/"
      case "b": result += "\u{08}"
      case "f": result += "\u{0C}"
      case "n": result += "\n"
      case "r": result += "\r"
      case "t": result += "\t"
      case "u": result.unicodeScalars.append(try unicodeEscape(&scalars))
      default: throw StateJSONDoubt()
      }
    }
    return result
  }

  /// `\uXXXX`, with a surrogate pair as one scalar; a lone surrogate is a doubt.
  static func unicodeEscape(_ scalars: inout String.UnicodeScalarView.Iterator) throws(StateJSONDoubt)
    -> Unicode.Scalar
  {
    func hex() throws(StateJSONDoubt) -> UInt32 {
      var code: UInt32 = 0
      for _ in 0..<4 {
        guard let scalar = scalars.next(), scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else {
          throw StateJSONDoubt()
        }
        code = code * 16 + digit
      }
      return code
    }
    let high = try hex()
    guard (0xD800...0xDBFF).contains(high) else {
      guard let scalar = Unicode.Scalar(high) else { throw StateJSONDoubt() }
      return scalar
    }
    guard scalars.next() == "\\", scalars.next() == "u" else { throw StateJSONDoubt() }
    let low = try hex()
    guard (0xDC00...0xDFFF).contains(low),
      let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
    else { throw StateJSONDoubt() }
    return scalar
  }

  /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as text.
  mutating func number() throws(StateJSONDoubt) -> String {
    let start = index
    func digits(_ parser: inout StateJSONParser) -> Int {
      let first = parser.index
      while parser.index < parser.bytes.count, (0x30...0x39).contains(parser.bytes[parser.index]) { parser.index += 1 }
      return parser.index - first
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    let leadingZero = index < bytes.count && bytes[index] == UInt8(ascii: "0")
    let integer = digits(&self)
    guard integer > 0, !leadingZero || integer == 1 else { throw StateJSONDoubt() }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits(&self) > 0 else { throw StateJSONDoubt() }
    }
    if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard digits(&self) > 0 else { throw StateJSONDoubt() }
    }
    return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
  }
}

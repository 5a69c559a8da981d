/// A pull reader of JSON over raw bytes that arrive in chunks: it checks the syntax of every
/// byte, keeps only the strings and numbers its caller asks for, and skips the rest (a
/// screenshot in base64 is passed over sixteen bytes at a time, never copied).
///
/// It never guesses. Whatever it is not sure to read exactly as `JSONDecoder` would (a syntax
/// error, a file that ends early, a lone surrogate, a raw control character in a string,
/// invalid UTF-8, a number `Double` cannot hold, nesting deeper than `maximumDepth`) throws
/// `Doubt`, and the caller hands the file to the reference reader, which says what is wrong.
struct JSONStream: ~Copyable {
  typealias Doubt = JSONDoubt

  /// Far below the 512 levels at which `JSONDecoder` gives up, far above any real report.
  static var maximumDepth: Int { 200 }

  /// Reached once per chunk, so an existential costs nothing that shows.
  private var source: any ByteSource
  private let base: UnsafeMutablePointer<UInt8>
  private let buffer: UnsafeMutableBufferPointer<UInt8>
  private var position = 0
  private var end = 0
  private var depth = 0
  /// The last string read with `keep`, unescaped: a key, or a value asked for.
  private(set) var text: [UInt8] = []

  init(_ source: any ByteSource, capacity: Int) {
    self.source = source
    base = .allocate(capacity: max(capacity, 16))
    buffer = UnsafeMutableBufferPointer(start: base, count: max(capacity, 16))
  }

  deinit { buffer.deallocate() }

  // MARK: Bytes

  /// The next byte, not consumed.
  @inline(__always)
  mutating func peek() throws(Doubt) -> UInt8 {
    if position == end, !(try refill()) { throw Doubt() }
    return buffer[position]
  }

  /// Consumes and returns the next byte.
  @inline(__always)
  mutating func next() throws(Doubt) -> UInt8 {
    let byte = try peek()
    position += 1
    return byte
  }

  /// Reads the next chunk once everything before it is consumed; `false` at the end.
  private mutating func refill() throws(Doubt) -> Bool {
    position = 0
    end = 0
    do {
      end = try source.read(into: buffer)
    } catch {
      throw Doubt()
    }
    return end > 0
  }

  /// The next byte that is not whitespace, not consumed.
  mutating func skipWhitespace() throws(Doubt) -> UInt8 {
    while true {
      while position < end {
        let byte = buffer[position]
        guard ASCII.isWhitespace(byte) else { return byte }
        position += 1
      }
      guard try refill() else { throw Doubt() }
    }
  }

  /// Consumes `byte` after any whitespace, or doubts.
  mutating func expect(_ byte: UInt8) throws(Doubt) {
    guard try skipWhitespace() == byte else { throw Doubt() }
    position += 1
  }

  /// Only whitespace is left.
  mutating func finish() throws(Doubt) {
    while true {
      while position < end {
        guard ASCII.isWhitespace(buffer[position]) else { throw Doubt() }
        position += 1
      }
      guard try refill() else { return }
    }
  }

  /// Skips a UTF-8 byte-order mark at the very start; a UTF-16 one is the reference's to decode.
  mutating func skipByteOrderMark() throws(Doubt) {
    switch try peek() {
    case 0xEF:
      for byte: UInt8 in [0xEF, 0xBB, 0xBF] where try next() != byte { throw Doubt() }
    case 0xFE, 0xFF:
      throw Doubt()
    default:
      return
    }
  }

  // MARK: Containers

  /// Moves to the next member of the object whose `{` was consumed; its key is in `text` when
  /// `keep`. `index` counts the members read, starting at 0; `false` at the closing `}`.
  mutating func nextMember(_ index: inout Int, keep: Bool = true) throws(Doubt) -> Bool {
    guard try nextItem(&index, closing: ASCII.closeBrace) else { return false }
    guard try next() == ASCII.doubleQuote else { throw Doubt() }
    try string(keep: keep)
    try expect(UInt8(ascii: ":"))
    return true
  }

  /// Moves to the next element of the array whose `[` was consumed; `false` at its `]`.
  mutating func nextElement(_ index: inout Int) throws(Doubt) -> Bool {
    try nextItem(&index, closing: ASCII.closeBracket)
  }

  private mutating func nextItem(_ index: inout Int, closing: UInt8) throws(Doubt) -> Bool {
    var byte = try skipWhitespace()
    if byte == closing {
      position += 1
      depth -= 1
      return false
    }
    if index > 0 {
      guard byte == UInt8(ascii: ",") else { throw Doubt() }
      position += 1
      byte = try skipWhitespace()
      if byte == closing { throw Doubt() }
    }
    index += 1
    return true
  }

  /// Consumes the `{` or `[` that opens a container, counting the depth.
  mutating func enter(_ opening: UInt8) throws(Doubt) {
    try expect(opening)
    depth += 1
    if depth > Self.maximumDepth { throw Doubt() }
  }

  /// Skips one value of any kind, checking its syntax.
  mutating func skipValue() throws(Doubt) {
    switch try skipWhitespace() {
    case ASCII.doubleQuote:
      position += 1
      try string(keep: false)
    case ASCII.openBrace:
      try enter(ASCII.openBrace)
      var index = 0
      while try nextMember(&index, keep: false) { try skipValue() }
    case ASCII.openBracket:
      try enter(ASCII.openBracket)
      var index = 0
      while try nextElement(&index) { try skipValue() }
    case UInt8(ascii: "t"), UInt8(ascii: "f"):
      _ = try boolean()
    case UInt8(ascii: "n"):
      try literal("null")
    default:
      _ = try number(keep: false)
    }
  }

  // MARK: Scalars

  /// `true` or `false`, or doubts.
  mutating func boolean() throws(Doubt) -> Bool {
    let value = try skipWhitespace() == UInt8(ascii: "t")
    try literal(value ? "true" : "false")
    return value
  }

  mutating func literal(_ word: StaticString) throws(Doubt) {
    _ = try skipWhitespace()
    for index in 0..<word.utf8CodeUnitCount where try next() != word.utf8Start[index] { throw Doubt() }
  }

  /// The next value is `null` (not consumed).
  mutating func isNull() throws(Doubt) -> Bool { try skipWhitespace() == UInt8(ascii: "n") }

  /// A number as JSON writes it (`-`, integer without leading zeros, fraction, exponent);
  /// its value when `keep`, which must be finite.
  mutating func number(keep: Bool) throws(Doubt) -> Double? {
    _ = try skipWhitespace()
    var literal = JSONNumberLiteral()
    if keep { text.removeAll(keepingCapacity: true) }
    while true {
      if position == end, !(try refill()) { break }
      let byte = buffer[position]
      guard literal.accepts(byte) else { break }
      position += 1
      if keep { text.append(byte) }
    }
    guard literal.isComplete else { throw Doubt() }
    guard keep else { return nil }
    guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else { throw Doubt() }
    return value
  }

  // MARK: Strings

  /// Reads a string whose opening quote was consumed, through its closing quote; unescaped
  /// into `text` when `keep`.
  mutating func string(keep: Bool) throws(Doubt) {
    if keep { text.removeAll(keepingCapacity: true) }
    while true {
      let start = position
      position = plainEnd(from: position)
      if keep, position > start { text.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<position])) }
      if position == end {
        guard try refill() else { throw Doubt() }
        continue
      }
      let byte = buffer[position]
      position += 1
      switch byte {
      case ASCII.doubleQuote: return
      case ASCII.backslash: try escape(keep: keep)
      case 0x80...: try multiByte(lead: byte, keep: keep)
      default: throw Doubt()
      }
    }
  }

  /// Where the run of printable ASCII other than `"` and `\\` that starts at `start` ends.
  ///
  /// Eight bytes at a time in a 64-bit word (the same test in `SIMD16<UInt8>` compiled to
  /// generic calls and made a cold evaluation ten times slower): a word holds a special byte
  /// when one is below 0x20, from 0x80 up, or equal to `"` or `\\`, each tested for all eight
  /// bytes in a few integer operations.
  private func plainEnd(from start: Int) -> Int {
    var index = start
    let base = UnsafeRawPointer(self.base)
    while index + 8 <= end {
      let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      if Self.hasSpecialByte(word) { break }
      index += 8
    }
    while index < end {
      let byte = buffer[index]
      if byte < 0x20 || byte >= 0x80 || byte == ASCII.doubleQuote || byte == ASCII.backslash { break }
      index += 1
    }
    return index
  }

  @inline(__always)
  private static func hasSpecialByte(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let below0x20 = (word &- ones &* 0x20) & ~word
    let quote = word ^ (ones &* 0x22)
    let backslash = word ^ (ones &* 0x5C)
    let zeroQuote = (quote &- ones) & ~quote
    let zeroBackslash = (backslash &- ones) & ~backslash
    return (below0x20 | word | zeroQuote | zeroBackslash) & highs != 0
  }

  private mutating func escape(keep: Bool) throws(Doubt) {
    let byte = try next()
    let plain: UInt8
    switch byte {
    case ASCII.doubleQuote, ASCII.backslash, ASCII.slash: plain = byte
    case UInt8(ascii: "b"): plain = 0x08
    case UInt8(ascii: "f"): plain = 0x0C
    case UInt8(ascii: "n"): plain = ASCII.newline
    case UInt8(ascii: "r"): plain = ASCII.carriageReturn
    case UInt8(ascii: "t"): plain = ASCII.tab
    case UInt8(ascii: "u"):
      let scalar = try unicodeEscape()
      if keep { text.append(contentsOf: String(Character(scalar)).utf8) }
      return
    default: throw Doubt()
    }
    if keep { text.append(plain) }
  }

  /// The scalar of `\uXXXX` (its `\u` consumed), joining a surrogate pair.
  private mutating func unicodeEscape() throws(Doubt) -> Unicode.Scalar {
    let unit = try hexQuad()
    switch unit {
    case 0xD800...0xDBFF:
      guard try next() == ASCII.backslash, try next() == UInt8(ascii: "u") else { throw Doubt() }
      let low = try hexQuad()
      guard (0xDC00...0xDFFF).contains(low) else { throw Doubt() }
      return try scalar(0x10000 + (unit - 0xD800) << 10 + (low - 0xDC00))
    case 0xDC00...0xDFFF:
      throw Doubt()
    default:
      return try scalar(unit)
    }
  }

  private func scalar(_ value: UInt32) throws(Doubt) -> Unicode.Scalar {
    guard let scalar = Unicode.Scalar(value) else { throw Doubt() }
    return scalar
  }

  private mutating func hexQuad() throws(Doubt) -> UInt32 {
    var value: UInt32 = 0
    for _ in 0..<4 {
      guard let digit = hexValue(try next()) else { throw Doubt() }
      value = value << 4 | digit
    }
    return value
  }

  private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
    default: nil
    }
  }

  /// The rest of a UTF-8 sequence whose first byte, `lead`, was consumed: well formed
  /// (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF) or a doubt.
  private mutating func multiByte(lead: UInt8, keep: Bool) throws(Doubt) {
    let continuations: Int
    var second: ClosedRange<UInt8> = 0x80...0xBF
    switch lead {
    case 0xC2...0xDF: continuations = 1
    case 0xE0: (continuations, second) = (2, 0xA0...0xBF)
    case 0xED: (continuations, second) = (2, 0x80...0x9F)
    case 0xE1...0xEF: continuations = 2
    case 0xF0: (continuations, second) = (3, 0x90...0xBF)
    case 0xF1...0xF3: continuations = 3
    case 0xF4: (continuations, second) = (3, 0x80...0x8F)
    default: throw Doubt()
    }
    if keep { text.append(lead) }
    for index in 0..<continuations {
      let byte = try next()
      guard (index == 0 ? second : 0x80...0xBF).contains(byte) else { throw Doubt() }
      if keep { text.append(byte) }
    }
  }
}

/// A streaming reader cannot vouch for what comes next: the reference reader must decide.
struct JSONDoubt: Error {}

/// Where a JSON number is in its grammar, byte by byte:
/// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
struct JSONNumberLiteral {
  private enum Place { case start, sign, zero, integer, point, fraction, exponent, exponentSign, exponentDigits }
  private var place = Place.start

  /// Whether `byte` continues the number; the number ends before the first byte that does not.
  mutating func accepts(_ byte: UInt8) -> Bool {
    guard let next = place(after: byte) else { return false }
    place = next
    return true
  }

  private func place(after byte: UInt8) -> Place? {
    let digit = ASCII.isDigit(byte)
    switch place {
    case .start where byte == UInt8(ascii: "-"): return .sign
    case .start, .sign: return byte == UInt8(ascii: "0") ? .zero : (digit ? .integer : nil)
    case .integer where digit: return .integer
    case .zero, .integer: return byte == UInt8(ascii: ".") ? .point : (isExponent(byte) ? .exponent : nil)
    case .point: return digit ? .fraction : nil
    case .fraction: return digit ? .fraction : (isExponent(byte) ? .exponent : nil)
    case .exponent where byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"): return .exponentSign
    case .exponent, .exponentSign, .exponentDigits: return digit ? .exponentDigits : nil
    }
  }

  /// The bytes so far are a whole number.
  var isComplete: Bool { [.zero, .integer, .fraction, .exponentDigits].contains(place) }

  private func isExponent(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") }
}

internal import FoundationEssentials

/// What the JSON report readers (CTRF, Playwright, mocha) share: a reader that owns a
/// `JSONStream`, arrays of objects read one element at a time, and the whole-file read that
/// hands a file the stream cannot vouch for to `JSONDiagnosis`.
protocol JSONReportReading: ~Copyable {
  var stream: JSONStream { get set }
}

extension JSONReportReading where Self: ~Copyable {
  /// The elements of an array of objects, each read by `element` after its `{`; an element
  /// of another kind is skipped, as is a value that is no array.
  mutating func objects<Element>(
    _ element: (inout Self) throws(JSONDoubt) -> Element
  ) throws(JSONDoubt) -> [Element] {
    guard try stream.skipWhitespace() == ASCII.openBracket else {
      try stream.skipValue()
      return []
    }
    try stream.enter(ASCII.openBracket)
    var elements: [Element] = []
    var index = 0
    while try stream.nextElement(&index) {
      guard try stream.skipWhitespace() == ASCII.openBrace else {
        try stream.skipValue()
        continue
      }
      try stream.enter(ASCII.openBrace)
      elements.append(try element(&self))
    }
    return elements
  }

  /// The members of an object, each handed to `member` by name with the stream at its value,
  /// which `member` must read or skip; a value that is no object is skipped.
  mutating func members(_ member: (inout Self, String) throws(JSONDoubt) -> Void) throws(JSONDoubt) {
    guard try stream.skipWhitespace() == ASCII.openBrace else {
      try stream.skipValue()
      return
    }
    try stream.enter(ASCII.openBrace)
    try membersOfEnteredObject(member)
  }

  /// `members(_:)` for an object whose `{` is already consumed.
  mutating func membersOfEnteredObject(
    _ member: (inout Self, String) throws(JSONDoubt) -> Void
  ) throws(JSONDoubt) {
    var index = 0
    while try stream.nextMember(&index) {
      try member(&self, String(decoding: stream.text, as: UTF8.self))
    }
  }
}

/// The whole-file read every JSON report reader has: UTF-16 and a byte-order mark decoded,
/// a top level that is no object named, and bytes the stream cannot vouch for diagnosed.
enum JSONReportFile {
  static func parse(
    _ data: Data, path: String, format: String, read: (any ByteSource) -> ReportParseResult?
  ) -> ReportParseResult {
    let bytes = TextEncoding.utf8([UInt8](data))
    if let first = PrefixedSource.firstSignificantByte(of: bytes[...]), first != ASCII.openBrace {
      return .notAReport(reason: "\(path): not a \(format) report: the top level is not an object")
    }
    if let result = read(BytesSource(bytes)) { return result }
    return .unreadable(reason: "\(path): \(JSONDiagnosis.reason(for: Data(bytes)))")
  }
}

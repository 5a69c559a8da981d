/// What a file looks like from outside, enough to tell which format wrote it (SPEC §3.1):
/// the root element of XML; the members of a JSON object, and those of its `results`.
public enum ReportShape: Sendable, Equatable {
  case json(JSONShape)
  /// `root` is the first element's local name (`testsuites`, `TestRun`), `nil` when the file
  /// ends before it.
  case xml(root: String?)
  /// Neither JSON nor XML (empty, binary, plain text).
  case other

  /// How many bytes are looked at for an XML root element; prologs are far shorter.
  static let xmlPrefix = 64 << 10

  /// The shape of the bytes `source` gives. A JSON file is walked to its end, values skipped,
  /// since a member may follow a long array; a truncated file has the shape read so far.
  public static func of(_ source: any ByteSource) -> ReportShape {
    let head = PrefixedSource(source, prefix: xmlPrefix)
    if head.prefix.starts(with: [0xFF, 0xFE]) || head.prefix.starts(with: [0xFE, 0xFF]) {
      // UTF-16 (Windows tools): told from its decoded start alone.
      let decoded = TextEncoding.utf8(head.prefix)
      return shape(first: PrefixedSource.firstSignificantByte(of: decoded[...]), xml: decoded) {
        JSONShape.walk(BytesSource(decoded))
      }
    }
    return shape(first: head.firstSignificantByte(), xml: head.prefix) { JSONShape.walk(head) }
  }

  private static func shape(first: UInt8?, xml: [UInt8], json: () -> JSONShape) -> ReportShape {
    switch first {
    case ASCII.lessThan?: .xml(root: xmlRoot(xml))
    case ASCII.openBrace?: .json(json())
    case ASCII.openBracket?: .json(JSONShape())
    default: .other
    }
  }

  private static func xmlRoot(_ bytes: [UInt8]) -> String? {
    var scanner = XMLScanner(TextEncoding.utf8(bytes))
    while let event = try? scanner.next() {
      guard case .startElement(let name, _) = event else { continue }
      return name.localName
    }
    return nil
  }
}

/// The members of a JSON document's top-level object, by the kind of their values.
public struct JSONShape: Sendable, Equatable {
  public enum Kind: Sendable, Equatable {
    case object, array, string, number, null
    case boolean(Bool)
  }

  public var members: [String: Kind] = [:]
  /// The member names of a top-level `results` object (CTRF's `tool` and `tests`).
  public var resultsMembers: Set<String> = []

  public init(members: [String: Kind] = [:], resultsMembers: Set<String> = []) {
    self.members = members
    self.resultsMembers = resultsMembers
  }

  /// Whether the top level has `name` holding a value of `kind`.
  public func has(_ name: String, _ kind: Kind) -> Bool { members[name] == kind }

  static func walk(_ source: any ByteSource) -> JSONShape {
    var shape = JSONShape()
    var stream = JSONStream(source, capacity: 64 << 10)
    do {
      try stream.skipByteOrderMark()
      try stream.enter(ASCII.openBrace)
      var index = 0
      while try stream.nextMember(&index) {
        let name = String(decoding: stream.text, as: UTF8.self)
        let kind = try Self.kind(of: &stream)
        shape.members[name] = kind
        if name == "results", kind == .object {
          try stream.enter(ASCII.openBrace)
          var inner = 0
          while try stream.nextMember(&inner) {
            shape.resultsMembers.insert(String(decoding: stream.text, as: UTF8.self))
            try stream.skipValue()
          }
        } else {
          try stream.skipValue()
        }
      }
    } catch {
      // A truncated or broken file has the shape read before the break.
    }
    return shape
  }

  /// The kind of the value that comes next, not consumed.
  private static func kind(of stream: inout JSONStream) throws(JSONDoubt) -> Kind {
    switch try stream.skipWhitespace() {
    case ASCII.openBrace: .object
    case ASCII.openBracket: .array
    case ASCII.doubleQuote: .string
    case UInt8(ascii: "t"): .boolean(true)
    case UInt8(ascii: "f"): .boolean(false)
    case UInt8(ascii: "n"): .null
    default: .number
    }
  }
}

extension ReportShape: CustomStringConvertible {
  /// How `explain` names a file no reader recognizes.
  public var description: String {
    switch self {
    case .json(let shape) where shape.members.isEmpty: "JSON that is no object with members"
    case .json(let shape):
      "JSON with " + shape.members.keys.sorted().prefix(6).map { "`\($0)`" }.joined(separator: ", ")
    case .xml(let root?): "XML whose root is <\(root)>"
    case .xml(nil): "XML without a root element yet"
    case .other: "neither JSON nor XML"
    }
  }
}

/// A source whose first bytes are kept as they pass, so a format can be told from its start
/// and the rest still read once.
struct PrefixedSource: ByteSource {
  private var source: any ByteSource
  private(set) var prefix: [UInt8] = []
  private var replayed = 0

  init(_ source: any ByteSource, prefix limit: Int) {
    self.source = source
    prefix.reserveCapacity(min(limit, 1 << 16))
    var chunk = [UInt8](repeating: 0, count: 1 << 14)
    while prefix.count < limit {
      let count = chunk.withUnsafeMutableBufferPointer { (try? self.source.read(into: $0)) ?? 0 }
      guard count > 0 else { break }
      prefix += chunk[..<count]
    }
  }

  /// The first byte after a UTF-8 byte-order mark and whitespace.
  func firstSignificantByte() -> UInt8? { Self.firstSignificantByte(of: prefix[...]) }

  static func firstSignificantByte(of bytes: ArraySlice<UInt8>) -> UInt8? {
    let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes
    return body.first { !ASCII.isWhitespace($0) }
  }

  mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
    guard replayed < prefix.count else { return try source.read(into: buffer) }
    let count = min(buffer.count, prefix.count - replayed)
    _ = buffer.update(fromContentsOf: prefix[replayed..<replayed + count])
    replayed += count
    return count
  }
}

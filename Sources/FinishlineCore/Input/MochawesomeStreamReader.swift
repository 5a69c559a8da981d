/// Reads a mochawesome report straight from its bytes, a chunk at a time, into the same
/// `MochawesomeDocument` that decoding the whole file with `JSONDecoder` gives: the members
/// finishline uses are read, every other value (a test's `code`, the screenshots in its
/// `context`) is only checked and passed over, so memory stays flat whatever the file's size.
///
/// The rules are the reference decoder's (`MochawesomeDocument.init(from:)`): lenient about
/// scalars, strict about structure. Where the reference would fail, or where this reader
/// cannot be sure to agree with it (see `JSONStream`; also a member named twice), it throws
/// `Doubt` and the file goes to the reference, which says what is wrong with it.
struct MochawesomeStreamReader: ~Copyable {
  typealias Doubt = JSONDoubt
  private typealias Suite = MochawesomeDocument.Suite
  private typealias Test = MochawesomeDocument.Test

  private var stream: JSONStream

  init(_ source: any ByteSource, capacity: Int) {
    stream = JSONStream(source, capacity: capacity)
  }

  /// The whole document, which must be one object with `results` or `suites`.
  mutating func document() throws(Doubt) -> MochawesomeDocument {
    try stream.skipByteOrderMark()
    try stream.enter(ASCII.openBrace)
    var document = MochawesomeDocument()
    var members = Members()
    var emptyRoot = false
    while try stream.nextMember(&members.index) {
      switch try members.field(stream.text) {
      case .results?:
        guard try !stream.skipNull() else { break }
        document.results = try suites(emptySpecs: &document.emptySpecs)
      case .suites?:
        guard try !stream.skipNull() else { break }
        var ignored = 0
        switch try stream.peek() {
        case ASCII.openBrace: document.rootSuites = [try suite()]
        case UInt8(ascii: "f"):
          // mochawesome 3's root suite of a spec without tests.
          guard try !stream.boolean() else { throw Doubt() }
          document.emptySpecs += 1
          document.rootSuites = []
          emptyRoot = true
        default: document.rootSuites = try suites(emptySpecs: &ignored)
        }
      case .stats?:
        try stats(into: &document)
      default:
        try stream.skipValue()
      }
    }
    try stream.finish()
    guard members.saw(.results) || members.saw(.suites) else { throw Doubt() }
    // `suites: false` is mochawesome 3's empty spec only beside its `stats`.
    if emptyRoot, !members.saw(.stats) { throw Doubt() }
    return document
  }

  /// `stats` when it is an object; any other value is skipped.
  private mutating func stats(into document: inout MochawesomeDocument) throws(Doubt) {
    guard try stream.skipWhitespace() == ASCII.openBrace else { return try stream.skipValue() }
    try stream.enter(ASCII.openBrace)
    var members = Members()
    while try stream.nextMember(&members.index) {
      switch try members.field(stream.text) {
      case .duration?: document.durationMs = try stream.lenientNumber()
      case .start?: document.start = try stream.lenientString()
      case .end?: document.end = try stream.lenientString()
      default: try stream.skipValue()
      }
    }
  }

  /// An array of suites, where `false` stands for a spec without tests.
  private mutating func suites(emptySpecs: inout Int) throws(Doubt) -> [Suite] {
    try stream.enter(ASCII.openBracket)
    var suites: [Suite] = []
    var index = 0
    while try stream.nextElement(&index) {
      if try stream.peek() == UInt8(ascii: "f") {
        guard try !stream.boolean() else { throw Doubt() }
        emptySpecs += 1
      } else {
        suites.append(try suite())
      }
    }
    return suites
  }

  private mutating func suite() throws(Doubt) -> Suite {
    try stream.enter(ASCII.openBrace)
    var suite = Suite()
    var members = Members()
    while try stream.nextMember(&members.index) {
      switch try members.field(stream.text) {
      case .title?: suite.title = try stream.lenientString()
      case .file?: suite.file = try stream.lenientString()
      case .fullFile?: suite.fullFile = try stream.lenientString()
      case .tests?: suite.tests = try tests()
      case .beforeHooks?: suite.beforeHooks = try tests()
      case .afterHooks?: suite.afterHooks = try tests()
      case .suites?:
        var ignored = 0
        suite.suites = try stream.skipNull() ? [] : try suites(emptySpecs: &ignored)
      default: try stream.skipValue()
      }
    }
    return suite
  }

  private mutating func tests() throws(Doubt) -> [Test] {
    guard try !stream.skipNull() else { return [] }
    try stream.enter(ASCII.openBracket)
    var tests: [Test] = []
    var index = 0
    while try stream.nextElement(&index) { tests.append(try test()) }
    return tests
  }

  private mutating func test() throws(Doubt) -> Test {
    try stream.enter(ASCII.openBrace)
    var test = Test()
    var members = Members()
    while try stream.nextMember(&members.index) {
      switch try members.field(stream.text) {
      case .uuid?: test.uuid = try stream.lenientString()
      case .title?: test.title = try stream.lenientString()
      case .fullTitle?: test.fullTitle = try stream.lenientString()
      case .state?: test.state = try stream.lenientString()
      case .duration?: test.durationMs = try stream.lenientNumber()
      case .pass?: test.pass = try stream.lenientBoolean() ?? false
      case .fail?: test.fail = try stream.lenientBoolean() ?? false
      case .pending?: test.pending = try stream.lenientBoolean() ?? false
      case .skipped?: test.skipped = try stream.lenientBoolean() ?? false
      case .isHook?: test.isHook = try stream.lenientBoolean() ?? false
      case .err?: try error(of: &test)
      default: try stream.skipValue()
      }
    }
    return test
  }

  /// `err` when it is an object; any other value is skipped.
  private mutating func error(of test: inout Test) throws(Doubt) {
    guard try stream.skipWhitespace() == ASCII.openBrace else { return try stream.skipValue() }
    try stream.enter(ASCII.openBrace)
    var members = Members()
    while try stream.nextMember(&members.index) {
      switch try members.field(stream.text) {
      case .message?: test.errorMessage = try stream.lenientString()
      case .estack?: test.errorStack = try stream.lenientString()
      default: try stream.skipValue()
      }
    }
  }
}

/// The members of one object read so far: how many, and which of the fields finishline uses.
/// A field named twice is a doubt: which of the two `JSONDecoder` keeps is its own affair.
private struct Members {
  var index = 0
  private var seen: UInt32 = 0

  /// The field `name` is, if finishline uses it.
  mutating func field(_ name: [UInt8]) throws(JSONDoubt) -> MochawesomeField? {
    guard let (field, bit) = MochawesomeField.named(name) else { return nil }
    if seen & bit != 0 { throw .init() }
    seen |= bit
    return field
  }

  func saw(_ field: MochawesomeField) -> Bool {
    MochawesomeField.allCases.firstIndex(of: field).map { seen & 1 << $0 != 0 } ?? false
  }
}

/// The member names of mochawesome's JSON that finishline reads; every other one is skipped.
enum MochawesomeField: String, CaseIterable {
  case results, suites, stats, duration, start, end
  case title, file, fullFile, tests, beforeHooks, afterHooks
  case uuid, fullTitle, state, pass, fail, pending, skipped, isHook, err, message, estack

  /// The field and its bit among `allCases`, when `name` is one.
  static func named(_ name: [UInt8]) -> (MochawesomeField, UInt32)? {
    for (index, bytes) in names.enumerated() where bytes == name { return (allCases[index], 1 << index) }
    return nil
  }

  private static let names: [[UInt8]] = allCases.map { Array($0.rawValue.utf8) }
}

/// The members of a Playwright JSON report that finishline uses, read a chunk at a time over
/// `JSONStream`; attachments, steps, stdout and the config are skipped unread.
struct PlaywrightStreamReader: JSONReportReading, ~Copyable {
  typealias Doubt = JSONDoubt

  struct Document {
    var suites: [Suite]?
    var startTime: String?
    var durationMs: Double?
    /// Messages of errors outside any test.
    var errors: [String] = []
  }

  struct Suite {
    var title: String?
    var file: String?
    var specs: [Spec] = []
    var suites: [Suite] = []
  }

  struct Spec {
    var title: String?
    var file: String?
    /// One per project.
    var tests: [Test] = []
  }

  struct Test {
    var status: String?
    var expectedStatus: String?
    var projectName: String?
    var results: [Result] = []
  }

  struct Result {
    var status: String?
    var duration: Double?
    var errorMessage: String?
  }

  var stream: JSONStream

  init(_ source: any ByteSource) {
    stream = JSONStream(source, capacity: 256 << 10)
  }

  mutating func document() throws(Doubt) -> Document {
    try stream.skipByteOrderMark()
    var document = Document()
    try members { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "suites": document.suites = try reader.objects { (reader: inout Self) throws(Doubt) in try reader.suite() }
      case "stats": try reader.stats(into: &document)
      case "errors":
        document.errors = try reader.objects { (reader: inout Self) throws(Doubt) in try reader.errorMessage() }
          .compactMap { $0.map(ANSIEscape.strip).flatMap(FailureMessage.assertion(from:)) }
      default: try reader.stream.skipValue()
      }
    }
    try stream.finish()
    return document
  }

  private mutating func stats(into document: inout Document) throws(Doubt) {
    try members { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "startTime": document.startTime = try reader.stream.lenientString()
      case "duration": document.durationMs = try reader.stream.lenientNumber()
      default: try reader.stream.skipValue()
      }
    }
  }

  private mutating func suite() throws(Doubt) -> Suite {
    var suite = Suite()
    try membersOfEnteredObject { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "title": suite.title = try reader.stream.lenientString()
      case "file": suite.file = try reader.stream.lenientString()
      case "specs": suite.specs = try reader.objects { (reader: inout Self) throws(Doubt) in try reader.spec() }
      case "suites": suite.suites = try reader.objects { (reader: inout Self) throws(Doubt) in try reader.suite() }
      default: try reader.stream.skipValue()
      }
    }
    return suite
  }

  private mutating func spec() throws(Doubt) -> Spec {
    var spec = Spec()
    try membersOfEnteredObject { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "title": spec.title = try reader.stream.lenientString()
      case "file": spec.file = try reader.stream.lenientString()
      case "tests": spec.tests = try reader.objects { (reader: inout Self) throws(Doubt) in try reader.test() }
      default: try reader.stream.skipValue()
      }
    }
    return spec
  }

  private mutating func test() throws(Doubt) -> Test {
    var test = Test()
    try membersOfEnteredObject { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "status": test.status = try reader.stream.lenientString()
      case "expectedStatus": test.expectedStatus = try reader.stream.lenientString()
      case "projectName": test.projectName = try reader.stream.lenientString()
      case "results": test.results = try reader.objects { (reader: inout Self) throws(Doubt) in try reader.result() }
      default: try reader.stream.skipValue()
      }
    }
    return test
  }

  private mutating func result() throws(Doubt) -> Result {
    var result = Result()
    var firstOfErrors: String?
    try membersOfEnteredObject { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "status": result.status = try reader.stream.lenientString()
      case "duration": result.duration = try reader.stream.lenientNumber()
      case "error": result.errorMessage = try reader.errorMessage(entered: false)
      case "errors":
        firstOfErrors = try reader.objects { (reader: inout Self) throws(Doubt) in try reader.errorMessage() }
          .lazy.compactMap { $0 }.first
      default: try reader.stream.skipValue()
      }
    }
    if result.errorMessage == nil { result.errorMessage = firstOfErrors }
    return result
  }

  /// An error object's `message`, else its `value` (what was thrown when it was no Error);
  /// `entered` when its `{` is consumed.
  private mutating func errorMessage(entered: Bool = true) throws(Doubt) -> String? {
    var message: String?
    var value: String?
    let read = { (reader: inout Self, name: String) throws(Doubt) in
      switch name {
      case "message": message = try reader.stream.lenientString()
      case "value": value = try reader.stream.lenientString()
      default: try reader.stream.skipValue()
      }
    }
    if entered { try membersOfEnteredObject(read) } else { try members(read) }
    return message ?? value
  }
}

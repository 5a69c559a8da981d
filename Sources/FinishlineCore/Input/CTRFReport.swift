public import FoundationEssentials

/// Reads CTRF, the common test report format (ctrf.io), as the ctrf-io reporters for Jest,
/// Playwright, Cypress, WebdriverIO, pytest and others write it: one JSON object whose
/// `results` hold the tool, a summary with the run's `start` and `stop`, and every test.
///
/// Both generations of the schema are read: `suite` as a string or a list, `flaky` or
/// `flake`, `retryAttempts` or `attempts`. Outcomes (SPEC §3.1): `passed`, `failed`, `skipped`,
/// `pending` as they are, `other` skipped; a passed test is flaky when it says so or when one
/// of its attempts failed. Wrong-typed values are skipped; the structure must hold.
public enum CTRFReport {
  public static func parse(_ data: Data, path: String, retries: RetryMode = .auto) -> ReportParseResult {
    JSONReportFile.parse(data, path: path, format: name) { read($0, path: path) }
  }

  /// The report, `.notAReport` for JSON without `results.tests`, or `nil` when the bytes are
  /// not JSON this reader reads exactly (truncated, broken, UTF-16).
  static func read(_ source: any ByteSource, path: String) -> ReportParseResult? {
    var reader = CTRFStreamReader(source)
    guard let document = try? reader.document() else { return nil }
    guard let tests = document.tests else {
      return .notAReport(reason: "\(path): not a CTRF report: it has no `results.tests` list")
    }
    return .parsed(report(of: document, tests: tests))
  }

  private static func report(of document: CTRFStreamReader.Document, tests: [CTRFStreamReader.Test]) -> ParsedReport {
    let results = tests.map(result)
    let start = document.start.map(date)
    let stop = document.stop.map(date)
    var duration: Double?
    if let begin = document.start, let end = document.stop, end >= begin { duration = end - begin }
    return ParsedReport(
      format: .ctrf, tests: results, declaredCounts: results.isEmpty ? document.summary : nil, durationMs: duration,
      specNames: Set(results.compactMap { $0.spec?.fileName }), startedAt: start, endedAt: stop)
  }

  private static func result(_ test: CTRFStreamReader.Test) -> TestResult {
    let outcome = outcome(test.status)
    var message: String?
    if outcome == .failed {
      message =
        [test.message, test.trace].lazy.compactMap { $0.map(ANSIEscape.strip) }
        .compactMap(FailureMessage.assertion(from:)).first
    }
    return TestResult(
      spec: test.filePath?.nonBlank, fullTitle: test.name?.nonBlank ?? "(untitled test)", outcome: outcome,
      durationMs: test.duration, failureMessage: message, uuid: test.id?.nonBlank,
      flaky: outcome == .passed && (test.flaky || test.attemptStatuses.contains("failed")))
  }

  /// A test's `status`; an unknown or missing one is a test that did not run.
  static func outcome(_ status: String?) -> TestOutcome {
    switch status {
    case "passed": .passed
    case "failed": .failed
    case "pending": .pending
    default: .skipped
    }
  }

  /// CTRF times are milliseconds since the epoch.
  private static func date(_ milliseconds: Double) -> Date { Date(timeIntervalSince1970: milliseconds / 1000) }
}

extension CTRFReport: ReportReader {
  public static var name: String { "CTRF" }

  public static func recognizes(_ shape: ReportShape) -> Bool {
    guard case .json(let json) = shape else { return false }
    return json.has("results", .object) && json.resultsMembers.isSuperset(of: ["tool", "tests"])
  }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    read(source, path: path)
  }

  /// `ctrf merge` combines the reports of parallel jobs; a merged file beside its parts
  /// repeats their tests.
  public static var repeats: CrossFileRepeats { .sameTestOnce }
}

/// The members of a CTRF file that finishline uses, read a chunk at a time over `JSONStream`.
struct CTRFStreamReader: JSONReportReading, ~Copyable {
  typealias Doubt = JSONDoubt

  struct Document {
    var tests: [Test]?
    var summary: TestCounts?
    var start: Double?
    var stop: Double?
  }

  struct Test {
    var id: String?
    var name: String?
    var status: String?
    var duration: Double?
    var message: String?
    var trace: String?
    var filePath: String?
    var flaky = false
    var attemptStatuses: [String] = []
  }

  var stream: JSONStream

  init(_ source: any ByteSource) {
    stream = JSONStream(source, capacity: 256 << 10)
  }

  mutating func document() throws(Doubt) -> Document {
    try stream.skipByteOrderMark()
    try stream.enter(ASCII.openBrace)
    var document = Document()
    var index = 0
    while try stream.nextMember(&index) {
      if stream.text == Array("results".utf8), try stream.skipWhitespace() == ASCII.openBrace {
        try results(into: &document)
      } else {
        try stream.skipValue()
      }
    }
    try stream.finish()
    return document
  }

  private mutating func results(into document: inout Document) throws(Doubt) {
    try stream.enter(ASCII.openBrace)
    var index = 0
    while try stream.nextMember(&index) {
      let name = String(decoding: stream.text, as: UTF8.self)
      switch (name, try stream.skipWhitespace()) {
      case ("tests", ASCII.openBracket):
        document.tests = try objects { (reader: inout Self) throws(Doubt) in try reader.test() }
      case ("summary", ASCII.openBrace):
        try summary(into: &document)
      default:
        try stream.skipValue()
      }
    }
  }

  private mutating func summary(into document: inout Document) throws(Doubt) {
    try stream.enter(ASCII.openBrace)
    var counts: [String: Int] = [:]
    var index = 0
    while try stream.nextMember(&index) {
      let name = String(decoding: stream.text, as: UTF8.self)
      let value = try stream.lenientNumber()
      switch name {
      case "start": document.start = value.flatMap { $0 > 0 ? $0 : nil }
      case "stop": document.stop = value.flatMap { $0 > 0 ? $0 : nil }
      default: counts[name] = value.flatMap { Int(exactly: $0) }
      }
    }
    document.summary = TestCounts(
      passed: counts["passed"] ?? 0, failed: counts["failed"] ?? 0, pending: counts["pending"] ?? 0,
      skipped: (counts["skipped"] ?? 0) + (counts["other"] ?? 0), flaky: counts["flaky"] ?? 0)
  }

  private mutating func test() throws(Doubt) -> Test {
    var test = Test()
    var index = 0
    while try stream.nextMember(&index) {
      switch String(decoding: stream.text, as: UTF8.self) {
      case "id", "testId": test.id = try stream.lenientString()
      case "name": test.name = try stream.lenientString()
      case "status": test.status = try stream.lenientString()
      case "duration": test.duration = try stream.lenientNumber()
      case "message": test.message = try stream.lenientString()
      case "trace": test.trace = try stream.lenientString()
      case "filePath": test.filePath = try stream.lenientString()
      case "flaky", "flake": test.flaky = try stream.lenientBoolean() ?? test.flaky
      case "retryAttempts", "attempts": test.attemptStatuses += try attemptStatuses()
      default: try stream.skipValue()
      }
    }
    return test
  }

  /// The statuses of a test's attempts, when they are a list.
  private mutating func attemptStatuses() throws(Doubt) -> [String] {
    try objects { (reader: inout Self) throws(Doubt) in try reader.attemptStatus() }.compactMap { $0 }
  }

  private mutating func attemptStatus() throws(Doubt) -> String? {
    var status: String?
    var index = 0
    while try stream.nextMember(&index) {
      if stream.text == Array("status".utf8) { status = try stream.lenientString() } else { try stream.skipValue() }
    }
    return status
  }
}

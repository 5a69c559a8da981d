public import FoundationEssentials

/// Reads the report of mocha's built-in `json` reporter (`mocha --reporter json`, and Cypress
/// with `reporter: "json"`): `stats`, then `tests` (each test once, as it ended), and the
/// `passes`, `failures` and `pending` lists that sort them.
///
/// A test's outcome is the list it is in (SPEC §3.1); a failure that is no test of `tests` is a
/// failed hook (`"before each" hook for "…"`), which fails the run without counting as a
/// test. A test that passed on a retry (`currentRetry` above 0) is flaky.
public enum MochaJSONReport {
  public static func parse(_ data: Data, path: String, retries: RetryMode = .auto) -> ReportParseResult {
    JSONReportFile.parse(data, path: path, format: name) { read($0, path: path) }
  }

  /// The report, `.notAReport` for JSON without the reporter's lists, or `nil` when the
  /// bytes are not JSON this reader reads exactly.
  static func read(_ source: any ByteSource, path: String) -> ReportParseResult? {
    var reader = MochaJSONStreamReader(source)
    guard let document = try? reader.document() else { return nil }
    guard let tests = document.tests else {
      return .notAReport(reason: "\(path): not a mocha JSON report: it has no `tests` list")
    }
    return .parsed(report(document, tests: tests))
  }

  private static func report(_ document: MochaJSONStreamReader.Document, tests: [MochaJSONStreamReader.Test])
    -> ParsedReport
  {
    var failures = Multiset(document.failures)
    var pending = Multiset(document.pending)
    var results: [TestResult] = []
    for test in tests {
      let outcome: TestOutcome =
        failures.take(test) ? .failed : pending.take(test) ? .pending : test.errorMessage != nil ? .failed : .passed
      results.append(result(test, outcome: outcome))
    }
    let hooks = failures.remaining.map { hook in
      HookFailure(
        spec: hook.file?.nonBlank, title: hook.fullTitle ?? hook.title ?? "(untitled hook)",
        message: message(hook) ?? ResultMerge.noMessage, skippedTests: 0)
    }
    let start = document.start.flatMap(ReportTimestamp.parse)
    let end = document.end.flatMap(ReportTimestamp.parse)
    return ParsedReport(
      format: .mochaJSON, tests: results, durationMs: document.duration, failedHooks: hooks,
      specNames: Set((tests + document.failures).compactMap { $0.file?.nonBlank?.fileName }),
      startedAt: start, endedAt: end)
  }

  private static func result(_ test: MochaJSONStreamReader.Test, outcome: TestOutcome) -> TestResult {
    TestResult(
      spec: test.file?.nonBlank, fullTitle: test.fullTitle ?? test.title ?? "(untitled test)", outcome: outcome,
      durationMs: test.duration, failureMessage: outcome == .failed ? message(test) ?? ResultMerge.noMessage : nil,
      flaky: outcome == .passed && test.currentRetry > 0)
  }

  private static func message(_ test: MochaJSONStreamReader.Test) -> String? {
    [test.errorMessage, test.errorStack].lazy.compactMap { $0.map(ANSIEscape.strip) }
      .compactMap(FailureMessage.assertion(from:)).first
  }

  /// Entries of a list by file and full title, each taken once.
  private struct Multiset {
    private var counts: [String: Int] = [:]
    private var entries: [MochaJSONStreamReader.Test]
    private var taken: [String: Int] = [:]

    init(_ entries: [MochaJSONStreamReader.Test]) {
      self.entries = entries
      for entry in entries { counts[entry.key, default: 0] += 1 }
    }

    mutating func take(_ test: MochaJSONStreamReader.Test) -> Bool {
      guard counts[test.key, default: 0] > taken[test.key, default: 0] else { return false }
      taken[test.key, default: 0] += 1
      return true
    }

    /// The entries no test took, in list order.
    var remaining: [MochaJSONStreamReader.Test] {
      var left = taken
      return entries.filter { entry in
        guard left[entry.key, default: 0] > 0 else { return true }
        left[entry.key, default: 0] -= 1
        return false
      }
    }
  }
}

extension MochaJSONReport: ReportReader {
  public static var name: String { "mocha JSON" }

  public static func recognizes(_ shape: ReportShape) -> Bool {
    guard case .json(let json) = shape else { return false }
    return json.has("stats", .object) && ["tests", "passes", "failures", "pending"].allSatisfy { json.has($0, .array) }
  }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    read(source, path: path)
  }

  /// A run writes one file, whose tests may name no spec file; a copy beside it, or a file
  /// of several runs joined, repeats its tests.
  public static var repeats: CrossFileRepeats { .partsOfMergedFilesOnce }
}

/// The members of a mocha JSON report that finishline uses, read over `JSONStream`.
struct MochaJSONStreamReader: JSONReportReading, ~Copyable {
  typealias Doubt = JSONDoubt

  struct Document {
    var tests: [Test]?
    var failures: [Test] = []
    var pending: [Test] = []
    var start: String?
    var end: String?
    var duration: Double?
  }

  struct Test {
    var title: String?
    var fullTitle: String?
    var file: String?
    var duration: Double?
    var currentRetry = 0
    var errorMessage: String?
    var errorStack: String?

    var key: String { (file ?? "") + "\u{1F}" + (fullTitle ?? title ?? "") }
  }

  var stream: JSONStream

  init(_ source: any ByteSource) {
    stream = JSONStream(source, capacity: 256 << 10)
  }

  mutating func document() throws(Doubt) -> Document {
    try stream.skipByteOrderMark()
    var document = Document()
    let test = { (reader: inout Self) throws(Doubt) in try reader.test() }
    try members { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "tests": document.tests = try reader.objects(test)
      case "failures": document.failures = try reader.objects(test)
      case "pending": document.pending = try reader.objects(test)
      case "stats": try reader.stats(into: &document)
      default: try reader.stream.skipValue()
      }
    }
    try stream.finish()
    return document
  }

  private mutating func stats(into document: inout Document) throws(Doubt) {
    try members { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "start": document.start = try reader.stream.lenientString()
      case "end": document.end = try reader.stream.lenientString()
      case "duration": document.duration = try reader.stream.lenientNumber()
      default: try reader.stream.skipValue()
      }
    }
  }

  private mutating func test() throws(Doubt) -> Test {
    var test = Test()
    try membersOfEnteredObject { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "title": test.title = try reader.stream.lenientString()
      case "fullTitle": test.fullTitle = try reader.stream.lenientString()
      case "file": test.file = try reader.stream.lenientString()
      case "duration": test.duration = try reader.stream.lenientNumber()
      case "currentRetry": test.currentRetry = try reader.stream.lenientNumber().flatMap { Int(exactly: $0) } ?? 0
      case "err": try reader.error(into: &test)
      default: try reader.stream.skipValue()
      }
    }
    return test
  }

  /// `err` is `{}` for a test that did not fail.
  private mutating func error(into test: inout Test) throws(Doubt) {
    try members { (reader: inout Self, name) throws(Doubt) in
      switch name {
      case "message": test.errorMessage = try reader.stream.lenientString()
      case "stack": test.errorStack = try reader.stream.lenientString()
      default: try reader.stream.skipValue()
      }
    }
  }
}

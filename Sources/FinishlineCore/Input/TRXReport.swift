public import FoundationEssentials

/// Reads the Visual Studio test results file (`dotnet test --logger trx`, vstest, MSTest), as
/// the TRX logger writes it: `Results` of `UnitTestResult`s first, then `TestDefinitions`,
/// which alone name each test's class.
///
/// Outcomes (SPEC §3.1): `Passed` passed; `Failed`, `Error`, `Timeout`, `Aborted` failed;
/// `NotExecuted`, `NotRunnable`, `Inconclusive`, `Warning`, `Disconnected` and any other
/// skipped. The message is `Output/ErrorInfo/Message`, the stack trace the fallback. A
/// data-driven test's inner results are read through their parent, as the summary counts it.
/// The spec name for `run.specs` is the test assembly (`Shop.Tests.dll`).
public enum TRXReport {
  public static func parse(_ data: Data, path: String, retries: RetryMode = .auto) -> ReportParseResult {
    XMLReportFile.parse(data, path: path, format: name, reader: TRXReader.self, retries: retries)
  }

  static func outcome(_ text: String?) -> TestOutcome {
    switch text?.lowercased() {
    case "passed", "passedbutrunaborted": .passed
    case "failed", "error", "timeout", "aborted": .failed
    default: .skipped
    }
  }

  /// A TRX duration, `hh:mm:ss.fffffff`, in milliseconds.
  static func milliseconds(_ text: String?) -> Double? {
    guard let parts = text?.split(separator: ":"), parts.count == 3, let hours = Double(parts[0]),
      let minutes = Double(parts[1]), let seconds = Double(parts[2])
    else { return nil }
    return JUnitReader.milliseconds(hours * 3600 + minutes * 60 + seconds)
  }
}

extension TRXReport: ReportReader {
  public static var name: String { "TRX" }

  public static func recognizes(_ shape: ReportShape) -> Bool { shape == .xml(root: "TestRun") }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    XMLReportFile.parse(streaming: source, path: path, format: name, reader: TRXReader.self, retries: retries)
  }

  /// A TRX file is one test project's run; a merged file or a copy beside it repeats its
  /// tests, while two projects may share a class and test name.
  public static var repeats: CrossFileRepeats { .partsOfMergedFilesOnce }
}

/// Turns `XMLScanner` events of a TRX file into test results, for `TRXReport`.
struct TRXReader: XMLReportReading {
  static let roots = ["TestRun"]

  private struct Result {
    var testID: String?
    var name: String
    var outcome: TestOutcome
    var durationMs: Double?
    var message = ""
    var stackTrace = ""
  }

  private struct Definition {
    var className: String?
    var storage: String?
  }

  private var path: [String] = []
  /// The `UnitTestResult` being read; inner results of a data-driven test are inside it.
  private var current: Result?
  private var results: [Result] = []
  private var definitions: [String: Definition] = [:]
  private var definition: String?
  private var declared: TestCounts?
  private var startedAt: Date?
  private var endedAt: Date?

  init(retries: RetryMode) {}

  mutating func read(_ event: XMLEvent) {
    switch event {
    case .startElement(let name, let attributes):
      let local = name.localName
      start(local, attributes)
      path.append(local)
    case .endElement:
      let local = path.popLast()
      if local == "UnitTestResult", !path.contains("UnitTestResult"), let result = current {
        results.append(result)
        current = nil
      }
      if local == "UnitTest" { definition = nil }
    case .text(let text), .cdata(let text):
      guard current != nil,
        path.suffix(2) == ["ErrorInfo", "Message"] || path.suffix(2) == ["ErrorInfo", "StackTrace"],
        !path.dropLast(2).contains("InnerResults")
      else { return }
      if path.last == "Message" { current?.message += text } else { current?.stackTrace += text }
    case .comment, .processingInstruction:
      break
    }
  }

  private mutating func start(_ name: String, _ attributes: [XMLAttribute]) {
    switch name {
    case "UnitTestResult" where current == nil:
      current = Result(
        testID: attributes[attribute: "testId"], name: attributes[attribute: "testName"] ?? "(untitled test)",
        outcome: TRXReport.outcome(attributes[attribute: "outcome"]),
        durationMs: TRXReport.milliseconds(attributes[attribute: "duration"]))
    case "UnitTest":
      definition = attributes[attribute: "id"]
      if let id = definition { definitions[id] = Definition(storage: attributes[attribute: "storage"]) }
    case "TestMethod":
      guard let id = definition else { return }
      definitions[id]?.className = attributes[attribute: "className"]
      if definitions[id]?.storage == nil { definitions[id]?.storage = attributes[attribute: "codeBase"] }
    case "Times" where path == ["TestRun"]:
      startedAt = attributes[attribute: "start"].flatMap(ReportTimestamp.parse)
      endedAt = attributes[attribute: "finish"].flatMap(ReportTimestamp.parse)
    case "Counters" where path.last == "ResultSummary":
      declared = Self.declaredCounts(attributes)
    default:
      break
    }
  }

  var report: ParsedReport {
    var specNames: Set<String> = []
    let tests = results.map { result in
      let definition = result.testID.flatMap { definitions[$0] }
      if let storage = definition?.storage?.nonBlank { specNames.insert(storage.fileName) }
      return test(result, className: definition?.className?.nonBlank)
    }
    var duration: Double?
    if let startedAt, let endedAt, endedAt >= startedAt {
      duration = JUnitReader.milliseconds(endedAt.timeIntervalSince(startedAt))
    }
    return ParsedReport(
      format: .trx, tests: tests, declaredCounts: tests.isEmpty ? declared : nil, durationMs: duration,
      specNames: specNames, startedAt: startedAt, endedAt: endedAt)
  }

  private func test(_ result: Result, className: String?) -> TestResult {
    var title = result.name
    // The xUnit and NUnit adapters name a test by its class and method.
    if let className, title.hasPrefix(className + "."), title.count > className.count + 1 {
      title = String(title.dropFirst(className.count + 1))
    }
    var message: String?
    if result.outcome == .failed {
      message =
        FailureMessage.assertion(from: result.message) ?? FailureMessage.assertion(from: result.stackTrace)
        ?? ResultMerge.noMessage
    }
    return TestResult(
      spec: nil, classname: className, fullTitle: title, outcome: result.outcome, durationMs: result.durationMs,
      failureMessage: message)
  }

  /// `ResultSummary/Counters`, for a run that lists no results.
  private static func declaredCounts(_ attributes: [XMLAttribute]) -> TestCounts? {
    guard let total = JUnitReader.count(attributes[attribute: "total"]) else { return nil }
    let failed = ["failed", "error", "timeout", "aborted"].reduce(0) {
      $0 + (JUnitReader.count(attributes[attribute: $1]) ?? 0)
    }
    let passed = min(JUnitReader.count(attributes[attribute: "passed"]) ?? 0, max(0, total - failed))
    return TestCounts(passed: passed, failed: failed, skipped: max(0, total - failed - passed))
  }
}

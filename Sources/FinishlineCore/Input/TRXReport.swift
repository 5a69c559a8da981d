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

  /// A TRX duration, `hh:mm:ss.fffffff`, in milliseconds; read byte by byte, as every result
  /// has one.
  static func milliseconds(_ text: String?) -> Double? {
    guard var text else { return nil }
    return text.withUTF8 { bytes -> Double? in
      var fields = SIMD4<Double>()
      var field = 0
      var scale = 0.0
      var digits = 0
      for byte in bytes {
        if byte == UInt8(ascii: ":") {
          guard field < 2, digits > 0 else { return nil }
          field += 1
          digits = 0
        } else if byte == UInt8(ascii: "."), field == 2, scale == 0 {
          scale = 0.1
        } else if ASCII.isDigit(byte) {
          let digit = Double(byte - UInt8(ascii: "0"))
          if scale > 0 {
            fields[2] += digit * scale
            scale /= 10
          } else {
            fields[field] = fields[field] * 10 + digit
          }
          digits += 1
        } else {
          return nil
        }
      }
      guard field == 2, digits > 0 else { return nil }
      return JUnitReader.milliseconds(fields[0] * 3600 + fields[1] * 60 + fields[2])
    }
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
    var failure = FailureText()
  }

  private struct Definition {
    var className: String?
    var storage: String?
  }

  /// The elements that matter, by kind, innermost last.
  private var path: [Element] = []
  /// `UnitTestResult`s open; only the outermost is a test, the rest its data rows.
  private var openResults = 0
  /// The `UnitTestResult` being read; inner results of a data-driven test are inside it.
  private var current: Result?
  private var results: [Result] = []
  private var definitions: [String: Definition] = [:]
  private var definition: String?
  private var declared: TestCounts?
  private var startedAt: Date?
  private var endedAt: Date?

  private enum Element {
    case result, errorInfo, message, stackTrace, resultSummary, other
  }

  init(retries: RetryMode) {}

  mutating func read(_ event: XMLEvent) {
    switch event {
    case .startElement(let name, let attributes):
      let local = name.localName
      path.append(element(local))
      start(local, attributes)
    case .endElement:
      guard path.popLast() == .result else { return }
      openResults -= 1
      if openResults == 0, let result = current {
        results.append(result)
        current = nil
      }
    case .text(let text), .cdata(let text):
      guard current != nil, openResults == 1, path.count >= 2, path[path.count - 2] == .errorInfo else { return }
      if path.last == .message {
        current?.failure.message += text
      } else if path.last == .stackTrace {
        current?.failure.stackTrace += text
      }
    case .comment, .processingInstruction:
      break
    }
  }

  private func element(_ name: String) -> Element {
    switch name {
    case "UnitTestResult": .result
    case "ErrorInfo": .errorInfo
    case "Message": .message
    case "StackTrace": .stackTrace
    case "ResultSummary": .resultSummary
    default: .other
    }
  }

  private mutating func start(_ name: String, _ attributes: [XMLAttribute]) {
    switch name {
    case "UnitTestResult":
      openResults += 1
      guard current == nil else { return }
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
    case "Times" where path.count == 2:
      startedAt = attributes[attribute: "start"].flatMap(ReportTimestamp.parse)
      endedAt = attributes[attribute: "finish"].flatMap(ReportTimestamp.parse)
    case "Counters" where path.count >= 2 && path[path.count - 2] == .resultSummary:
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
    // The xUnit and NUnit adapters name a test by its class and method.
    let title = TestName.title(result.name, withoutClass: className)
    return TestResult(
      spec: nil, classname: className, fullTitle: title, outcome: result.outcome, durationMs: result.durationMs,
      failureMessage: result.outcome == .failed ? result.failure.assertion : nil)
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

public import FoundationEssentials

/// Reads NUnit's result XML: NUnit 3's `test-run` (the console runner, `dotnet test --logger
/// nunit`) and NUnit 2's `test-results`, their `test-suite`s nested by assembly, namespace and
/// fixture.
///
/// Outcomes (SPEC §3.1): `Passed`/`Success` passed; `Failed`/`Failure`/`Error` failed;
/// `Skipped`, `Ignored`, `Inconclusive`, `NotRunnable`, `Explicit`, `Warning` and any other
/// skipped; the `label` refines (`Error`, `Cancelled` failed; `Ignored` skipped). A fixture
/// whose one-time tear-down failed after its tests passed fails the run as a failed hook. A
/// test is named by its class (NUnit 3's `classname`, NUnit 2's enclosing namespaces and
/// fixture) and its name; the spec name for `run.specs` is the assembly.
public enum NUnitReport {
  public static func parse(_ data: Data, path: String, retries: RetryMode = .auto) -> ReportParseResult {
    XMLReportFile.parse(data, path: path, format: name, reader: NUnitReader.self, retries: retries)
  }

  static func outcome(result: String?, label: String?) -> TestOutcome {
    switch label?.lowercased() {
    case "error", "cancelled": return .failed
    case "ignored": return .skipped
    default: break
    }
    switch result?.lowercased() {
    case "passed", "success": return .passed
    case "failed", "failure", "error": return .failed
    default: return .skipped
    }
  }
}

extension NUnitReport: ReportReader {
  public static var name: String { "NUnit XML" }

  public static func recognizes(_ shape: ReportShape) -> Bool {
    shape == .xml(root: "test-run") || shape == .xml(root: "test-results")
  }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    XMLReportFile.parse(streaming: source, path: path, format: name, reader: NUnitReader.self, retries: retries)
  }

  /// One file is one run, and a class and test name can recur across assemblies; a merged
  /// file or a copy beside it repeats its tests.
  public static var repeats: CrossFileRepeats { .partsOfMergedFilesOnce }
}

/// Turns `XMLScanner` events of an NUnit file into test results, for `NUnitReport`.
struct NUnitReader: XMLReportReading {
  static let roots = ["test-run", "test-results"]

  private struct Suite {
    var type: String?
    var name: String?
    var fullName: String?
    var failedTearDown: Bool
    var message = ""
  }

  private struct Case {
    var result: TestResult
    var failure = FailureText()
    /// A `label` that is a sentence, not a keyword: NUnit writes a timeout's reason there
    /// (`Test exceeded Timeout value 1ms.`) and leaves `<failure />` empty.
    var labelText: String?
  }

  /// Open elements by name, innermost last.
  private var path: [String] = []
  private var suites: [Suite] = []
  private var current: Case?
  private var tests: [TestResult] = []
  private var hooks: [HookFailure] = []
  private var specNames: Set<String> = []
  private var declared: TestCounts?
  private var rootSeconds: Double?
  private var startedAt: Date?
  private var endedAt: Date?

  init(retries: RetryMode) {}

  var report: ParsedReport {
    ParsedReport(
      format: .nunit, tests: tests, declaredCounts: tests.isEmpty && hooks.isEmpty ? declared : nil,
      durationMs: rootSeconds.map(JUnitReader.milliseconds), failedHooks: hooks, specNames: specNames,
      startedAt: startedAt, endedAt: endedAt)
  }

  mutating func read(_ event: XMLEvent) {
    switch event {
    case .startElement(let name, let attributes):
      start(name, attributes)
      path.append(name)
    case .endElement(let name):
      path.removeLast()
      if name == "test-case", let test = current {
        finish(test)
        current = nil
      } else if name == "test-suite", let suite = suites.popLast() {
        endSuite(suite)
      }
    case .text(let text), .cdata(let text):
      guard path.count >= 2, path[path.count - 2] == "failure" else { return }
      if current != nil {
        current?.failure.append(text, of: path.last)
      } else if path.last == "message", path.count >= 3, path[path.count - 3] == "test-suite", !suites.isEmpty {
        suites[suites.count - 1].message += text
      }
    case .comment, .processingInstruction:
      break
    }
  }

  private mutating func start(_ name: String, _ attributes: [XMLAttribute]) {
    switch name {
    case "test-run" where path.isEmpty, "test-results" where path.isEmpty:
      startRoot(name, attributes)
    case "test-suite":
      let type = attributes[attribute: "type"]
      if type == "Assembly", let assembly = attributes[attribute: "name"]?.nonBlank {
        specNames.insert(assembly.fileName)
      }
      if rootSeconds == nil, suites.isEmpty { rootSeconds = JUnitReader.seconds(attributes[attribute: "time"]) }
      suites.append(
        Suite(
          type: type, name: attributes[attribute: "name"], fullName: attributes[attribute: "fullname"],
          failedTearDown: attributes[attribute: "site"] == "TearDown"
            && NUnitReport.outcome(result: attributes[attribute: "result"], label: nil) == .failed))
    case "test-case" where current == nil:
      startCase(attributes)
    default:
      break
    }
  }

  private mutating func startRoot(_ name: String, _ attributes: [XMLAttribute]) {
    if name == "test-run" {
      rootSeconds = JUnitReader.seconds(attributes[attribute: "duration"])
      startedAt = attributes[attribute: "start-time"].flatMap(ReportTimestamp.parse)
      endedAt = attributes[attribute: "end-time"].flatMap(ReportTimestamp.parse)
    } else if let date = attributes[attribute: "date"], let time = attributes[attribute: "time"] {
      startedAt = ReportTimestamp.parse(date + " " + time)
    }
    declared = Self.declaredCounts(attributes)
  }

  private mutating func startCase(_ attributes: [XMLAttribute]) {
    let name = attributes[attribute: "name"] ?? "(untitled test)"
    let classname = attributes[attribute: "classname"]?.nonBlank ?? nunit2Class
    let title = TestName.title(name, withoutClass: classname)
    let seconds = JUnitReader.seconds(attributes[attribute: "duration"] ?? attributes[attribute: "time"])
    current = Case(
      result: TestResult(
        spec: nil, classname: classname, fullTitle: title,
        outcome: NUnitReport.outcome(result: attributes[attribute: "result"], label: attributes[attribute: "label"]),
        durationMs: seconds.map(JUnitReader.milliseconds)),
      labelText: attributes[attribute: "label"].flatMap { $0.contains(" ") ? $0 : nil })
  }

  /// NUnit 2 names no class: its namespaces and fixture are the suites around the test.
  private var nunit2Class: String? {
    let names = suites.filter { $0.type == "Namespace" || $0.type == "TestFixture" }.compactMap(\.name)
    return names.isEmpty ? nil : names.joined(separator: ".")
  }

  private mutating func finish(_ test: Case) {
    var result = test.result
    if result.outcome == .failed {
      let assertion = test.failure.assertion
      result.failureMessage = assertion == ResultMerge.noMessage ? test.labelText ?? assertion : assertion
    }
    tests.append(result)
  }

  private mutating func endSuite(_ suite: Suite) {
    guard suite.failedTearDown else { return }
    hooks.append(
      HookFailure(
        spec: nil, title: "\(suite.fullName ?? suite.name ?? "(suite)") one-time tear-down",
        message: FailureMessage.assertion(from: suite.message) ?? ResultMerge.noMessage, skippedTests: 0))
  }

  /// The root's totals, for a file that lists no test cases: NUnit 3's `total`, `passed`,
  /// `failed`; NUnit 2's `total`, `failures`, `errors`, `not-run`.
  private static func declaredCounts(_ attributes: [XMLAttribute]) -> TestCounts? {
    guard let total = JUnitReader.count(attributes[attribute: "total"]) else { return nil }
    let failed =
      JUnitReader.count(attributes[attribute: "failed"])
      ?? (JUnitReader.count(attributes[attribute: "failures"]) ?? 0)
      + (JUnitReader.count(attributes[attribute: "errors"]) ?? 0)
    let passed =
      JUnitReader.count(attributes[attribute: "passed"])
      ?? max(0, total - failed - (JUnitReader.count(attributes[attribute: "not-run"]) ?? 0))
    let kept = min(passed, max(0, total - failed))
    return TestCounts(passed: kept, failed: min(failed, total), skipped: max(0, total - failed - kept))
  }
}

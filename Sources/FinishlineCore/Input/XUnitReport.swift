public import FoundationEssentials

/// Reads xUnit.net's v2 XML (`dotnet test -- xunit.xml`, the console runner's `-xml`):
/// `assemblies` of `assembly`, of `collection`, of `test`.
///
/// Outcomes (SPEC §3.1): `Pass` passed, `Fail` failed, `Skip` and `NotRun` skipped. An error
/// outside any test (`<errors>`: a fixture's or collection's clean-up that threw) fails the run
/// as a failed hook. A test is named by its `type` and, without the class in front, its `name`
/// (`Add(a: 1, b: 2)`); the spec name for `run.specs` is the assembly.
public enum XUnitReport {
  public static func parse(_ data: Data, path: String, retries: RetryMode = .auto) -> ReportParseResult {
    XMLReportFile.parse(data, path: path, format: name, reader: XUnitReader.self, retries: retries)
  }

  static func outcome(_ result: String?) -> TestOutcome {
    switch result?.lowercased() {
    case "pass": .passed
    case "fail": .failed
    default: .skipped
    }
  }
}

extension XUnitReport: ReportReader {
  public static var name: String { "xUnit.net XML" }

  public static func recognizes(_ shape: ReportShape) -> Bool { shape == .xml(root: "assemblies") }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    XMLReportFile.parse(streaming: source, path: path, format: name, reader: XUnitReader.self, retries: retries)
  }

  /// One file is one run, and a class and test name can recur across assemblies; a merged
  /// file or a copy beside it repeats its tests.
  public static var repeats: CrossFileRepeats { .partsOfMergedFilesOnce }
}

/// Turns `XMLScanner` events of an xUnit.net v2 file into test results, for `XUnitReport`.
struct XUnitReader: XMLReportReading {
  static let roots = ["assemblies"]

  /// A `<test>` or an `<error>` being read, with the text of its `failure`.
  private struct Entry {
    var result: TestResult
    var isError: Bool
    var failure = FailureText()
  }

  private var path: [String] = []
  private var current: Entry?
  private var tests: [TestResult] = []
  private var hooks: [HookFailure] = []
  private var specNames: Set<String> = []
  private var declared: TestCounts?
  private var seconds: Double?
  private var startedAt: Date?
  private var endedAt: Date?

  init(retries: RetryMode) {}

  var report: ParsedReport {
    ParsedReport(
      format: .xunit, tests: tests, declaredCounts: tests.isEmpty && hooks.isEmpty ? declared : nil,
      durationMs: seconds.map(JUnitReader.milliseconds), failedHooks: hooks, specNames: specNames,
      startedAt: startedAt, endedAt: endedAt)
  }

  mutating func read(_ event: XMLEvent) {
    switch event {
    case .startElement(let name, let attributes):
      start(name, attributes)
      path.append(name)
    case .endElement(let name):
      path.removeLast()
      if name == "test" || name == "error", let entry = current {
        finish(entry)
        current = nil
      }
    case .text(let text), .cdata(let text):
      guard current != nil, path.count >= 2, path[path.count - 2] == "failure" else { return }
      current?.failure.append(text, of: path.last)
    case .comment, .processingInstruction:
      break
    }
  }

  private mutating func start(_ name: String, _ attributes: [XMLAttribute]) {
    switch name {
    case "assemblies" where path.isEmpty:
      startedAt = attributes[attribute: "start-rtf"].flatMap(ReportTimestamp.parse)
      endedAt = attributes[attribute: "finish-rtf"].flatMap(ReportTimestamp.parse)
    case "assembly":
      startAssembly(attributes)
    case "test" where current == nil:
      let type = attributes[attribute: "type"]?.nonBlank
      let name = attributes[attribute: "name"] ?? attributes[attribute: "method"] ?? "(untitled test)"
      let title = TestName.title(name, withoutClass: type)
      current = Entry(
        result: TestResult(
          spec: nil, classname: type, fullTitle: title, outcome: XUnitReport.outcome(attributes[attribute: "result"]),
          durationMs: JUnitReader.seconds(attributes[attribute: "time"]).map(JUnitReader.milliseconds)),
        isError: false)
    case "error" where current == nil && path.last == "errors":
      let title = [attributes[attribute: "type"], attributes[attribute: "name"]].compactMap { $0?.nonBlank }
      current = Entry(
        result: TestResult(spec: nil, fullTitle: title.joined(separator: " "), outcome: .failed), isError: true)
    default:
      break
    }
  }

  private mutating func startAssembly(_ attributes: [XMLAttribute]) {
    if let assembly = attributes[attribute: "name"]?.nonBlank { specNames.insert(assembly.fileName) }
    if let time = JUnitReader.seconds(attributes[attribute: "time"]) { seconds = (seconds ?? 0) + time }
    if let start = attributes[attribute: "start-rtf"].flatMap(ReportTimestamp.parse) {
      startedAt = min(startedAt ?? start, start)
    }
    if let end = attributes[attribute: "finish-rtf"].flatMap(ReportTimestamp.parse) {
      endedAt = max(endedAt ?? end, end)
    }
    guard let total = JUnitReader.count(attributes[attribute: "total"]) else { return }
    let failed = min(total, (JUnitReader.count(attributes[attribute: "failed"]) ?? 0))
    let passed = min(JUnitReader.count(attributes[attribute: "passed"]) ?? 0, total - failed)
    declared = (declared ?? TestCounts()) + TestCounts(passed: passed, failed: failed, skipped: total - failed - passed)
  }

  private mutating func finish(_ entry: Entry) {
    var result = entry.result
    if result.outcome == .failed {
      result.failureMessage = entry.failure.assertion
    }
    if entry.isError {
      hooks.append(
        HookFailure(
          spec: nil, title: result.fullTitle.nonBlank ?? "(error outside any test)",
          message: result.failureMessage ?? ResultMerge.noMessage, skippedTests: 0))
    } else {
      tests.append(result)
    }
  }
}

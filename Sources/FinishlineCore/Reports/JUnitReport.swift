public import FoundationEssentials

/// Reads JUnit XML as mocha-junit-reporter (Cypress), jest-junit, pytest and Maven surefire
/// write it, nested `<testsuite>`s included, so the rest of finishline never sees the dialect.
public enum JUnitReport {
  /// Parses one JUnit XML file.
  ///
  /// - Parameters:
  ///   - data: The file's bytes; possibly a file still being written.
  ///   - path: Where the bytes came from, named in the reason when they cannot be read.
  /// - Returns: The report, or `.unreadable` saying whether the XML is truncated (normal while a
  ///   run is writing it), malformed, or not JUnit. A report that lists no test cases carries
  ///   the counts its attributes declare, if it declares any.
  public static func parse(_ data: Data, path: String) -> ReportParseResult {
    var scanner = XMLScanner([UInt8](data))
    var reader = Reader()
    do {
      while let event = try scanner.next() {
        if let problem = reader.read(event, line: scanner.eventLine) {
          return .unreadable(reason: "\(path): \(problem)")
        }
      }
    } catch {
      return .unreadable(reason: "\(path): \(error)")
    }
    return .parsed(reader.report)
  }

  /// Turns the scanner's events into test results, one element at a time.
  private struct Reader {
    /// What a `<testsuites>` or `<testsuite>` passes on to what it contains.
    private struct Suite {
      var spec: String?
      /// This element or an ancestor declared `tests`, so nested declarations are not added.
      var insideDeclaredCounts: Bool
      /// This element or an ancestor declared `time`.
      var insideDeclaredTime: Bool
    }

    /// The test case being read, until its end tag.
    private struct Case {
      var result: TestResult
      /// The `message` attribute of the first `<failure>` or `<error>`.
      var messageAttribute: String?
      /// The `type` attribute of the first `<failure>` or `<error>`, the last resort.
      var failureType: String?
      /// The text of the first `<failure>` or `<error>`, where most reporters put the stack.
      var failureText = ""
      var readingFailureText = false
    }

    private var sawRoot = false
    private var suites: [Suite] = []
    /// mocha-junit-reporter writes suites flat, as siblings, and only the first one (the
    /// "Root Suite") names the spec file; the suites after it belong to that file too.
    private var rootSuiteFile: String?
    private var current: Case?
    private var tests: [TestResult] = []
    private var declared: TestCounts?
    private var declaredSeconds: Double?

    var report: ParsedReport {
      ParsedReport(
        format: .junit, tests: tests, declaredCounts: tests.isEmpty ? declared : nil,
        durationMs: declaredSeconds.map(milliseconds))
    }

    /// Takes in one event; returns why the document is not JUnit, if it is not.
    mutating func read(_ event: XMLEvent, line: Int) -> String? {
      switch event {
      case .startElement(let name, let attributes):
        if !sawRoot {
          sawRoot = true
          guard name == "testsuites" || name == "testsuite" else {
            return "not a JUnit report: the root element is <\(name)>, "
              + "not <testsuites> or <testsuite>"
          }
        }
        start(name, attributes)
      case .endElement(let name):
        end(name)
      case .text(let text), .cdata(let text):
        if current?.readingFailureText == true { current?.failureText += text }
      case .comment, .processingInstruction:
        break
      }
      return nil
    }

    private mutating func start(_ name: String, _ attributes: [XMLAttribute]) {
      switch name {
      case "testsuites", "testsuite":
        startSuite(attributes)
      case "testcase" where current == nil:
        current = Case(
          result: TestResult(
            spec: suites.last?.spec ?? attributes[attribute: "file"]?.nonBlank,
            fullTitle: attributes[attribute: "name"] ?? "",
            outcome: .passed,
            durationMs: seconds(attributes[attribute: "time"]).map(milliseconds)))
      case "failure", "error":
        guard var test = current, test.result.outcome != .failed else { return }
        test.result.outcome = .failed
        test.messageAttribute = attributes[attribute: "message"]
        test.failureType = attributes[attribute: "type"]
        test.readingFailureText = true
        current = test
      case "skipped":
        if current?.result.outcome == .passed { current?.result.outcome = .skipped }
      default:
        break
      }
    }

    private mutating func startSuite(_ attributes: [XMLAttribute]) {
      let parent = suites.last
      let file = attributes[attribute: "file"]?.nonBlank
      if attributes[attribute: "name"] == "Root Suite" { rootSuiteFile = file }
      var suite = Suite(
        spec: file ?? parent?.spec ?? rootSuiteFile,
        insideDeclaredCounts: parent?.insideDeclaredCounts ?? false,
        insideDeclaredTime: parent?.insideDeclaredTime ?? false)
      if !suite.insideDeclaredCounts, let counts = declaredCounts(attributes) {
        declared = (declared ?? TestCounts()) + counts
        suite.insideDeclaredCounts = true
      }
      if !suite.insideDeclaredTime, let time = seconds(attributes[attribute: "time"]) {
        declaredSeconds = (declaredSeconds ?? 0) + time
        suite.insideDeclaredTime = true
      }
      suites.append(suite)
    }

    private mutating func end(_ name: String) {
      switch name {
      case "testsuites", "testsuite":
        suites.removeLast()
      case "testcase":
        guard let test = current else { return }
        current = nil
        var result = test.result
        if result.outcome == .failed {
          result.failureMessage =
            test.messageAttribute.flatMap(FailureMessage.assertion(from:))
            ?? FailureMessage.assertion(from: test.failureText)
            ?? test.failureType?.nonBlank
        }
        tests.append(result)
      case "failure", "error":
        current?.readingFailureText = false
      default:
        break
      }
    }

    /// `tests`, `failures`, `errors` and `skipped` (or `disabled`) as counts; errors are failures.
    private func declaredCounts(_ attributes: [XMLAttribute]) -> TestCounts? {
      guard let total = count(attributes[attribute: "tests"]) else { return nil }
      let failures = count(attributes[attribute: "failures"]) ?? 0
      let errors = count(attributes[attribute: "errors"]) ?? 0
      let skipped =
        count(attributes[attribute: "skipped"]) ?? count(attributes[attribute: "disabled"]) ?? 0
      return TestCounts(
        passed: max(0, total - failures - errors - skipped), failed: failures + errors,
        skipped: skipped)
    }
  }

  /// Milliseconds, rounded to the microsecond so that "0.512" s reads as 512 ms, not 512.0000001.
  private static func milliseconds(_ seconds: Double) -> Double {
    (seconds * 1_000_000).rounded() / 1000
  }

  /// A count attribute, kept small enough that adding a few of them can never overflow.
  private static func count(_ text: String?) -> Int? {
    guard let text, let value = Int(text.trimmingWhitespace) else { return nil }
    return min(max(value, 0), Int(Int32.max))
  }

  /// A `time` attribute in seconds; surefire has written thousands separators ("1,234.5").
  private static func seconds(_ text: String?) -> Double? {
    guard let text else { return nil }
    let digits = text.trimmingWhitespace.filter { $0 != "," }
    guard let value = Double(digits), value.isFinite, value >= 0 else { return nil }
    return value
  }
}

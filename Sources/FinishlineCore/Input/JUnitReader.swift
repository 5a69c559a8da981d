internal import FoundationEssentials

/// Turns `XMLScanner` events into test results, one element at a time, for `JUnitReport`.
struct JUnitReader: XMLReportReading {
  static let roots = ["testsuites", "testsuite"]

  /// What a `<testsuites>` or `<testsuite>` passes on to what it contains.
  private struct Suite {
    var spec: String?
    /// This element or an ancestor declared `tests`, so nested declarations are not added.
    var insideDeclaredCounts: Bool
    /// This element or an ancestor declared `time`.
    var insideDeclaredTime: Bool
    /// The `tests` this element declares, to tell retries from tests that share a name.
    var declaredTests: Int?
    /// The `failures` and `errors` this element declares: the tool's own verdict where a
    /// retried test's attempts can be read two ways (`RetryReading.Settled.ambiguous`).
    var declaredFailed: Int?
    /// Indices into `tests` of this element's own test cases.
    var cases: [Int] = []
  }

  /// The test case being read, until its end tag.
  private struct Case {
    var result: TestResult
    var file: String?
    var line: String?
    /// Disabled or not run, by the test case's attributes or a `<disabled>` child: skipped,
    /// whatever else it holds.
    var disabled: Bool
    /// A `<skipped>` child, which yields to a `<failure>` or `<error>` beside it.
    var skippedElement = false
    var hook: Bool
    /// The `message` attribute of the first `<failure>` or `<error>`.
    var messageAttribute: String?
    /// The `type` attribute of the first `<failure>` or `<error>`, the last resort.
    var failureType: String?
    /// The text of the first `<failure>` or `<error>`, where most reporters put the stack.
    var failureText = ""
    var readingFailureText = false
  }

  let retries: RetryMode
  private var suites: [Suite] = []
  /// mocha-junit-reporter writes suites flat, as siblings, and only the first one (the
  /// "Root Suite") names the spec file; the suites after it belong to that file too.
  private var rootSuiteFile: String?
  private var current: Case?
  private var tests: [TestResult] = []
  /// Attempt identities of `tests`, by index, for collapsing retries at the suite's end.
  private var attemptKeys: [RetryReading.Key] = []
  private var removed: Set<Int> = []
  private var hooks: [HookFailure] = []
  private var specNames: Set<String> = []
  private var declared: TestCounts?
  private var declaredSeconds: Double?
  private var startedAt: Date?
  private var endedAt: Date?
  /// The `time` of a `<testsuites>` root: the run's own wall time (Playwright, jest-junit),
  /// where its suites' times add up the tests run in parallel.
  private var rootSeconds: Double?

  init(retries: RetryMode) {
    self.retries = retries
  }

  var report: ParsedReport {
    let kept = tests.indices.filter { !removed.contains($0) }.map { tests[$0] }
    return ParsedReport(
      format: .junit, tests: kept, declaredCounts: kept.isEmpty && hooks.isEmpty ? declared : nil,
      durationMs: declaredSeconds.map(Self.milliseconds), failedHooks: hooks, specNames: specNames,
      startedAt: startedAt, endedAt: rootSeconds.flatMap { startedAt?.addingTimeInterval($0) } ?? endedAt)
  }

  mutating func read(_ event: XMLEvent) {
    switch event {
    case .startElement(let name, let attributes):
      start(name, attributes)
    case .endElement(let name):
      end(name)
    case .text(let text), .cdata(let text):
      if current?.readingFailureText == true { current?.failureText += text }
    case .comment, .processingInstruction:
      break
    }
  }

  private mutating func start(_ name: String, _ attributes: [XMLAttribute]) {
    switch name {
    case "testsuites", "testsuite":
      startSuite(name, attributes)
    case "testcase" where current == nil:
      startCase(attributes)
    case "failure", "error":
      // Only the first <failure> or <error> is read; surefire's <rerunFailure> repeats it.
      guard var test = current, test.result.outcome != .failed else { return }
      test.result.outcome = .failed
      test.messageAttribute = attributes[attribute: "message"]
      test.failureType = attributes[attribute: "type"]
      test.readingFailureText = true
      current = test
    case "skipped":
      current?.skippedElement = true
    case "disabled":
      current?.disabled = true
    case "flakyFailure", "flakyError":
      // surefire's rerunFailingTestsCount: an attempt failed, a later one passed.
      if retries != .off { current?.result.flaky = true }
    default:
      break
    }
  }

  private mutating func startSuite(_ name: String, _ attributes: [XMLAttribute]) {
    let parent = suites.last
    let file = attributes[attribute: "file"]?.nonBlank
    if attributes[attribute: "name"] == "Root Suite" { rootSuiteFile = file }
    // jest-junit and others may name a suite after its file; a title without a dot is no file.
    for name in [file, attributes[attribute: "name"]?.nonBlank].compactMap({ $0 }) where name.contains(".") {
      specNames.insert(name.fileName)
    }
    var suite = Suite(
      spec: file ?? parent?.spec ?? rootSuiteFile,
      insideDeclaredCounts: parent?.insideDeclaredCounts ?? false,
      insideDeclaredTime: parent?.insideDeclaredTime ?? false,
      declaredTests: Self.count(attributes[attribute: "tests"]),
      declaredFailed: Self.declaredFailed(attributes))
    if !suite.insideDeclaredCounts, let counts = Self.declaredCounts(attributes) {
      declared = (declared ?? TestCounts()) + counts
      suite.insideDeclaredCounts = true
    }
    let time = Self.seconds(attributes[attribute: "time"])
    if parent == nil, name == "testsuites", let time { rootSeconds = time }
    if !suite.insideDeclaredTime, let time {
      declaredSeconds = (declaredSeconds ?? 0) + time
      suite.insideDeclaredTime = true
    }
    if let stamp = attributes[attribute: "timestamp"].flatMap(ReportTimestamp.parse) {
      startedAt = min(startedAt ?? stamp, stamp)
      let end = stamp.addingTimeInterval(time ?? 0)
      endedAt = max(endedAt ?? end, end)
    }
    suites.append(suite)
  }

  private mutating func startCase(_ attributes: [XMLAttribute]) {
    let name = attributes[attribute: "name"] ?? ""
    let classname = attributes[attribute: "classname"]?.nonBlank
    let file = attributes[attribute: "file"]?.nonBlank
    if let file { specNames.insert(file.fileName) }
    let status = attributes[attribute: "status"]?.lowercased()
    let disabled =
      status == "disabled" || status == "notrun" || status == "skipped"
      || ["true", "1"].contains(attributes[attribute: "disabled"]?.lowercased() ?? "")
    current = Case(
      result: TestResult(
        spec: suites.last?.spec ?? file, classname: classname, fullTitle: name, outcome: .passed,
        durationMs: Self.seconds(attributes[attribute: "time"]).map(Self.milliseconds)),
      file: file, line: attributes[attribute: "line"]?.nonBlank, disabled: disabled,
      hook: RetryReading.isHook(name) || RetryReading.isHook(classname ?? ""))
  }

  private mutating func end(_ name: String) {
    switch name {
    case "testsuites", "testsuite":
      if let suite = suites.popLast(), retries != .off { collapseAttempts(of: suite) }
    case "testcase":
      guard let test = current else { return }
      current = nil
      finish(test)
    case "failure", "error":
      current?.readingFailureText = false
    default:
      break
    }
  }

  private mutating func finish(_ test: Case) {
    var result = test.result
    if result.outcome == .failed {
      let playwright =
        test.messageAttribute.map {
          PlaywrightFailureText.isLocationAndTitle($0, testName: result.fullTitle)
        } == true
      let attribute = test.messageAttribute.flatMap {
        playwright || Self.placeholders.contains($0.lowercased()) ? nil : $0
      }
      result.failureMessage =
        attribute.flatMap(FailureMessage.assertion(from:))
        ?? (playwright
          ? PlaywrightFailureText.assertion(fromBody: test.failureText)
          : FailureMessage.assertion(from: test.failureText))
        ?? test.failureType?.nonBlank ?? test.messageAttribute?.nonBlank
    }
    // A disabled test did not run, whatever failure element it also carries; a bare <skipped>
    // yields to a <failure> or <error> beside it, the most severe result the case holds.
    if test.disabled || (test.skippedElement && result.outcome != .failed) {
      result.outcome = .skipped
      result.failureMessage = nil
      result.flaky = false
    }
    if test.hook {
      guard result.outcome == .failed else { return }
      hooks.append(
        HookFailure(
          spec: result.spec, title: result.fullTitle, message: result.failureMessage ?? ResultMerge.noMessage,
          skippedTests: 0))
      return
    }
    if !suites.isEmpty { suites[suites.count - 1].cases.append(tests.count) }
    attemptKeys.append(
      RetryReading.Key(classname: result.classname, name: result.fullTitle, file: test.file, line: test.line))
    tests.append(result)
  }

  /// `message` values that say only that the test failed (go-junit-report, CTest write
  /// `message="Failed"`); the element's text then says why.
  static let placeholders: Set<String> = ["failed", "failure", "error", "fail"]

  /// Merges repeated test cases of one suite that are attempts of one test (`RetryReading`).
  ///
  /// Attempts that read either as failed or as flaky stay failed unless the suite's declared
  /// `failures` and `errors` are exactly what reading them as flaky leaves: the tool counted
  /// those tests as not failed, so it recorded the retry that passed.
  private mutating func collapseAttempts(of suite: Suite) {
    let groups = RetryReading.attempts(
      keys: suite.cases.map { attemptKeys[$0] }, declaredTests: suite.declaredTests, mode: retries)
    var ambiguous: [(index: Int, asFlaky: TestResult)] = []
    for group in groups where group.count > 1 {
      let indices = group.map { suite.cases[$0] }
      switch RetryReading.settle(indices.map { tests[$0] }, mode: retries) {
      case .decided(let result):
        tests[indices[0]] = result
      case .ambiguous(let asFailed, let asFlaky):
        tests[indices[0]] = asFailed
        ambiguous.append((indices[0], asFlaky))
      }
      removed.formUnion(indices.dropFirst())
    }
    guard !ambiguous.isEmpty, let declaredFailed = suite.declaredFailed else { return }
    let failed = suite.cases.count { !removed.contains($0) && tests[$0].outcome == .failed }
    guard failed - ambiguous.count == declaredFailed else { return }
    for attempt in ambiguous { tests[attempt.index] = attempt.asFlaky }
  }

  /// `failures` plus `errors`, when the element declares either.
  private static func declaredFailed(_ attributes: [XMLAttribute]) -> Int? {
    let failures = count(attributes[attribute: "failures"])
    let errors = count(attributes[attribute: "errors"])
    guard failures != nil || errors != nil else { return nil }
    return (failures ?? 0) + (errors ?? 0)
  }

  /// `tests`, `failures`, `errors`, `skipped` and `disabled` as counts; errors are failures.
  private static func declaredCounts(_ attributes: [XMLAttribute]) -> TestCounts? {
    guard let total = count(attributes[attribute: "tests"]) else { return nil }
    let failed = declaredFailed(attributes) ?? 0
    let notRun = min(
      (count(attributes[attribute: "skipped"]) ?? 0) + (count(attributes[attribute: "disabled"]) ?? 0),
      max(0, total - failed))
    return TestCounts(passed: max(0, total - failed - notRun), failed: failed, skipped: notRun)
  }

  /// Milliseconds, rounded to the microsecond so that "0.512" s reads as 512 ms, not 512.0000001.
  static func milliseconds(_ seconds: Double) -> Double {
    (seconds * 1_000_000).rounded() / 1000
  }

  /// A count attribute, kept small enough that adding a few of them can never overflow.
  static func count(_ text: String?) -> Int? {
    guard let text, let value = Int(text.trimmingWhitespace) else { return nil }
    return min(max(value, 0), Int(Int32.max))
  }

  /// A `time` attribute in seconds; surefire has written thousands separators ("1,234.5").
  static func seconds(_ text: String?) -> Double? {
    guard let text else { return nil }
    // Nearly every time is a plain number; only the rest is trimmed and cleaned.
    if let value = Double(text) { return value.isFinite && value >= 0 ? value : nil }
    let digits = text.trimmingWhitespace.filter { $0 != "," }
    guard let value = Double(digits), value.isFinite, value >= 0 else { return nil }
    return value
  }
}

public import FoundationEssentials

/// Reads mochawesome JSON (one spec per file, or a mochawesome-merge report of many) into test
/// results, so the rest of finishline never sees the reporter's shape.
public enum MochawesomeReport {
  /// Parses one mochawesome file.
  ///
  /// - Parameters:
  ///   - data: The file's bytes; possibly a file still being written.
  ///   - path: Where the bytes came from, named in the reason when they cannot be read.
  /// - Returns: The report, or `.unreadable` saying whether the JSON is truncated (normal while
  ///   a run is writing it), invalid, or valid JSON that is not a mochawesome report. How a
  ///   test's `state` and flags become an outcome is documented on `outcome(of:)`.
  public static func parse(_ data: Data, path: String) -> ReportParseResult {
    let bytes = TextEncoding.utf8([UInt8](data))
    if let first = bytes.first(where: { !ASCII.isWhitespace($0) }), first != ASCII.openBrace {
      let shape = first == ASCII.lessThan ? "it starts with `<` (XML or HTML?)" : "the top level is not an object"
      return .notAReport(reason: "\(path): not a mochawesome report: \(shape)")
    }
    let document: MochawesomeDocument
    do {
      document = try JSONDecoder().decode(MochawesomeDocument.self, from: Data(bytes))
    } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
      return .unreadable(reason: "\(path): \(JSONDiagnosis.reason(for: Data(bytes)))")
    } catch let error as MochawesomeDocument.NotAReport {
      return .notAReport(reason: "\(path): not a mochawesome report: \(error.reason)")
    } catch {
      return .unreadable(reason: "\(path): not a mochawesome report: \(describe(error))")
    }
    return .parsed(report(from: document))
  }

  /// Reads one mochawesome file as it streams from `source`, a chunk of at most `capacity`
  /// bytes at a time, without holding the file or a document tree in memory.
  ///
  /// - Returns: The same result `parse(_:path:)` gives for the same bytes, or `nil` when the
  ///   streaming reader cannot vouch for that (the file is not a readable report, or is odd in
  ///   a way only the reference reader judges); the caller then reads the whole file with
  ///   `parse(_:path:)`, which also says what is wrong with it.
  public static func parse(streaming source: any ByteSource, capacity: Int = 256 << 10) -> ReportParseResult? {
    var reader = MochawesomeStreamReader(source, capacity: capacity)
    guard let document = try? reader.document() else { return nil }
    return .parsed(report(from: document))
  }

  private static func report(from document: MochawesomeDocument) -> ParsedReport {
    var collected = Collected()
    for suite in document.results ?? document.rootSuites ?? [] {
      collected.specNames.formUnion([suite.file, suite.fullFile].compactMap { $0?.nonBlank.map(\.fileName) })
      collect(suite, spec: nil, titles: [], into: &collected)
    }
    var report = ParsedReport(
      format: .mochawesome, tests: collected.tests, durationMs: document.durationMs,
      failedHooks: collected.hooks, specNames: collected.specNames,
      startedAt: document.start.flatMap(ReportTimestamp.parse), endedAt: document.end.flatMap(ReportTimestamp.parse))
    report.emptySpecs = document.emptySpecs
    return report
  }

  /// What the walk over the suites has found so far.
  private struct Collected {
    var tests: [TestResult] = []
    var hooks: [HookFailure] = []
    var specNames: Set<String> = []
  }

  /// Appends the tests and failed hooks of `suite` and of its nested suites, in report order.
  ///
  /// Only the file-level suite names the spec (nested suites have `file: ""`), so a suite
  /// without one inherits its parent's. A hook is not a test: a failed hook is recorded as a
  /// hook failure, with the tests of its suite that it kept from running, and the tests are
  /// counted as the report lists them (mochawesome marks those as `skipped`).
  private static func collect(
    _ suite: MochawesomeDocument.Suite, spec inherited: String?, titles inheritedTitles: [String],
    into collected: inout Collected
  ) {
    let spec = suite.file?.nonBlank ?? suite.fullFile?.nonBlank ?? inherited
    var titles = inheritedTitles
    if let title = suite.title?.nonBlank { titles.append(title) }

    // A failed hook may appear in `tests` (with `isHook`) and again in `beforeHooks`/`afterHooks`.
    var failed: [MochawesomeDocument.Test] = []
    var identitiesSeen: Set<String> = []
    for hook in suite.tests.filter(\.isHook) + suite.beforeHooks + suite.afterHooks
    where outcome(of: hook) == .failed {
      let identities = identities(of: hook, titles: titles)
      guard identitiesSeen.isDisjoint(with: identities) else { continue }
      identitiesSeen.formUnion(identities)
      failed.append(hook)
    }
    let firstTest = collected.tests.count
    for test in suite.tests where !test.isHook {
      collected.tests.append(result(of: test, spec: spec, titles: titles))
    }
    for child in suite.suites {
      collect(child, spec: spec, titles: titles, into: &collected)
    }
    let skipped = collected.tests[firstTest...].count { $0.outcome == .skipped }
    for hook in failed {
      let test = result(of: hook, spec: spec, titles: titles)
      collected.hooks.append(
        HookFailure(
          spec: spec, title: test.fullTitle, message: test.failureMessage ?? ResultMerge.noMessage,
          skippedTests: skipped))
    }
  }

  private static func result(
    of test: MochawesomeDocument.Test, spec: String?, titles: [String]
  ) -> TestResult {
    let outcome = outcome(of: test)
    var message: String?
    if outcome == .failed {
      message =
        test.errorMessage.flatMap(FailureMessage.assertion(from:))
        ?? test.errorStack.flatMap(FailureMessage.assertion(from:))
    }
    return TestResult(
      spec: spec, fullTitle: fullTitle(of: test, titles: titles), outcome: outcome,
      durationMs: test.durationMs, failureMessage: message, uuid: test.uuid?.nonBlank)
  }

  /// What tells one hook from another: its uuid when it has one, and its full title.
  private static func identities(
    of hook: MochawesomeDocument.Test, titles: [String]
  ) -> Set<String> {
    var identities: Set<String> = ["title:" + fullTitle(of: hook, titles: titles)]
    if let uuid = hook.uuid?.nonBlank { identities.insert("uuid:" + uuid) }
    return identities
  }

  /// The test's `fullTitle`, or the suite titles and its own title joined as mocha does.
  private static func fullTitle(of test: MochawesomeDocument.Test, titles: [String]) -> String {
    if let fullTitle = test.fullTitle?.nonBlank { return fullTitle }
    var parts = titles
    if let title = test.title?.nonBlank { parts.append(title) }
    return parts.joined(separator: " ")
  }

  /// How a mochawesome test ended.
  ///
  /// - `state` "passed", "failed" or "pending" is taken as it is ("skipped" is accepted too).
  /// - Otherwise (`state` null, missing or unknown), the flags decide, in this order:
  ///   `skipped: true` → skipped (mocha never ran it because a hook or an earlier failure
  ///   stopped the suite); `pending: true` → pending (`it.skip`, `xit`, a test without a body);
  ///   `fail: true` → failed; `pass: true` → passed.
  /// - A test with no state and no flag never ran, so it is skipped.
  private static func outcome(of test: MochawesomeDocument.Test) -> TestOutcome {
    switch test.state {
    case "passed": return .passed
    case "failed": return .failed
    case "pending": return .pending
    case "skipped": return .skipped
    default: break
    }
    if test.skipped { return .skipped }
    if test.pending { return .pending }
    if test.fail { return .failed }
    if test.pass { return .passed }
    return .skipped
  }

  /// A decoding error as "at `results[0].tests`: what was expected".
  private static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return String(describing: error) }
    let context: DecodingError.Context
    switch error {
    case .typeMismatch(_, let found), .valueNotFound(_, let found),
      .keyNotFound(_, let found), .dataCorrupted(let found):
      context = found
    @unknown default:
      return String(describing: error)
    }
    var location = ""
    for key in context.codingPath {
      if let index = key.intValue {
        location += "[\(index)]"
      } else {
        location += location.isEmpty ? key.stringValue : ".\(key.stringValue)"
      }
    }
    let place = location.isEmpty ? "the top level" : "`\(location)`"
    return "at \(place): \(context.debugDescription)"
  }
}

extension MochawesomeReport: ReportReader {
  public static var name: String { "mochawesome" }

  /// mochawesome 4–8 write `results` as an array; mochawesome 3 a root `suites` object, or
  /// `false` beside `stats` for a spec without tests.
  public static func recognizes(_ shape: ReportShape) -> Bool {
    guard case .json(let json) = shape else { return false }
    return json.has("results", .array) || json.has("suites", .object)
      || (json.has("suites", .boolean(false)) && json.has("stats", .object))
  }

  public static func parse(_ data: Data, path: String, retries: RetryMode) -> ReportParseResult {
    parse(data, path: path)
  }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    parse(streaming: source)
  }

  /// A merged report (mochawesome-merge) beside its per-spec files repeats every test.
  public static var repeats: CrossFileRepeats { .sameTestOnce }
}

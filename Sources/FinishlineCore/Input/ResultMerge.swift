internal import FoundationEssentials

/// Adds up one machine's result files: a multi-reporter writes several formats for the same
/// tests (mochawesome and JUnit, CTRF and JUnit), and a test reported by two formats must count
/// once (SPEC §3).
public enum ResultMerge {
  /// Merges every parsed report of `machine` into counts, failures, hooks and a duration.
  ///
  /// Within a format, a merged report beside its parts counts once, as the format's reader
  /// says (`CrossFileRepeats`): by test (a test already seen in another file, by id, else by
  /// spec file, class and full title, is not counted again, while repeats inside one file all
  /// count), or by file (a file another file wholly holds adds nothing).
  ///
  /// Formats are then taken in merge precedence (`ReportFormat.allCases`): a test of a later
  /// format and a test counted before are the same test when their full titles are equal and
  /// their specs name the same file (the last path component, so a relative and an absolute
  /// path match); when either side names no spec, the title alone decides. Tests that share a
  /// key are paired in report order, the i-th with the i-th, so a key reported n times by one
  /// format and m times by the other counts max(n, m) times. Where paired, the earlier
  /// format's outcome and message win; the later one only fills in a missing message or spec.
  ///
  /// A report without test cases adds the counts it declares. The duration is the sum of the
  /// first format's durations that states one (in precedence order); the start and end are the
  /// first format's that states a start, else the last format's.
  public static func merge(machine: String, reports: [ParsedReport]) -> MachineResults {
    let byFormat = ReportFormat.allCases.map { format in reports.filter { $0.format == format } }.filter {
      !$0.isEmpty
    }
    var counted: [TestResult] = []
    for reports in byFormat {
      let tests =
        switch reports[0].format.reader.repeats {
        case .sameTestOnce: uniqueTests(reports)
        case .partsOfMergedFilesOnce: withoutParts(reports)
        }
      counted = counted.isEmpty ? tests : paired(counted, with: tests)
    }
    var results = MachineResults()
    for test in counted {
      results.counts.count(test)
      results.testLog.append(test)
      if test.outcome == .passed, test.flaky { results.flakyTests.append(test.displayName) }
      guard test.outcome == .failed else { continue }
      results.failures.append(
        TestFailure(
          machine: machine, spec: test.spec, classname: test.classname, title: test.displayTitle,
          message: test.failureMessage ?? noMessage))
    }
    for report in reports where report.tests.isEmpty {
      results.counts += report.declaredCounts ?? TestCounts()
    }
    results.failedHooks = hooks(byFormat.flatMap { $0 })
    results.specNames = reports.reduce(into: []) { $0.formUnion($1.specNames) }
    results.emptySpecs = reports.reduce(0) { $0 + $1.emptySpecs }
    results.durationMs = byFormat.lazy.compactMap { sum($0.compactMap(\.durationMs)) }.first
    let timed = byFormat.first { $0.contains { $0.startedAt != nil } } ?? byFormat.last ?? []
    results.startedAt = timed.compactMap(\.startedAt).min()
    results.endedAt = timed.compactMap { $0.endedAt ?? $0.startedAt }.max()
    return results
  }

  /// `counted` with what `later`'s twins add to them, then `later`'s tests that have no twin.
  private static func paired(_ counted: [TestResult], with later: [TestResult]) -> [TestResult] {
    let pairing = TestPairing(earlier: counted, later: later)
    var merged: [TestResult] = []
    for (test, twin) in zip(counted, pairing.twins) {
      let twin = twin.map { later[$0] }
      var test = test
      test.spec = test.spec ?? twin?.spec
      test.classname = test.classname ?? twin?.classname
      test.failureMessage = test.failureMessage ?? twin?.failureMessage
      test.flaky = test.flaky || twin?.flaky == true
      test.project = test.project ?? twin?.project
      merged.append(test)
    }
    return merged + zip(later, pairing.laterPaired).filter { !$0.1 }.map(\.0)
  }

  /// Shown for a failure that no report gave a message for.
  static let noMessage = "(no message)"

  private static func sum(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +)
  }

  /// The tests of one format's files, each test once across files (see `merge`).
  static func uniqueTests(_ reports: [ParsedReport]) -> [TestResult] {
    var seenUUIDs: Set<String> = []
    var tallies: [Identity: Repeats] = [:]
    var unique: [TestResult] = []
    for (file, report) in reports.enumerated() {
      for test in report.tests {
        if let uuid = test.uuid {
          if seenUUIDs.insert(uuid).inserted { unique.append(test) }
          continue
        }
        // One lookup per test, updated in place.
        if tallies[Identity(test), default: Repeats()].count(in: file) { unique.append(test) }
      }
    }
    return unique
  }

  /// How often a test identity was seen in the file being read and, at most, in any one file.
  private struct Repeats {
    var file = -1
    var inFile = 0
    var counted = 0

    /// Counts one more in `file`; whether that is one more than any file had before.
    mutating func count(in file: Int) -> Bool {
      if file != self.file {
        self.file = file
        inFile = 0
      }
      inFile += 1
      guard inFile > counted else { return false }
      counted = inFile
      return true
    }
  }

  /// The tests of one format's files, without the files that are parts (or copies) of
  /// another: every test of the part, outcome included, is in the other file as often, and
  /// the other file is larger, or as large and earlier.
  static func withoutParts(_ reports: [ParsedReport]) -> [TestResult] {
    let holders = filesHoldingFirstTests(of: reports)
    guard !holders.isEmpty else { return reports.flatMap(\.tests) }
    var tallies: [Int: [Tally: Int]] = [:]
    func tally(_ index: Int) -> [Tally: Int] {
      if let known = tallies[index] { return known }
      let counted = reports[index].tests.reduce(into: [Tally: Int]()) { $0[Tally($1), default: 0] += 1 }
      tallies[index] = counted
      return counted
    }
    var kept: [TestResult] = []
    for (index, report) in reports.enumerated() {
      let isPart = holders[index, default: []].sorted().contains { other in
        let larger = reports[other].tests.count
        guard larger > report.tests.count || (larger == report.tests.count && other < index) else { return false }
        let whole = tally(other)
        return tally(index).allSatisfy { key, count in whole[key, default: 0] >= count }
      }
      if !isPart { kept += report.tests }
    }
    return kept
  }

  /// For each file, the other files that hold its first test: only those can contain it, and
  /// on a machine without merged files there are none, so nothing more is counted.
  private static func filesHoldingFirstTests(of reports: [ParsedReport]) -> [Int: Set<Int>] {
    guard reports.count(where: { !$0.tests.isEmpty }) > 1 else { return [:] }
    var firsts: [Tally: [Int]] = [:]
    var firstTitles: Set<String> = []
    for (index, report) in reports.enumerated() {
      guard let first = report.tests.first else { continue }
      firsts[Tally(first), default: []].append(index)
      firstTitles.insert(first.fullTitle)
    }
    var holders: [Int: Set<Int>] = [:]
    for (other, report) in reports.enumerated() {
      // The title alone rules out nearly every test before a whole tally is made of it.
      for test in report.tests where firstTitles.contains(test.fullTitle) {
        for part in firsts[Tally(test)] ?? [] where part != other { holders[part, default: []].insert(other) }
      }
    }
    return holders
  }

  /// A test and its outcome as a merger copies them, attributes verbatim.
  private struct Tally: Hashable {
    var spec: String?
    var classname: String?
    var title: String
    var outcome: TestOutcome

    init(_ test: TestResult) {
      spec = test.spec
      classname = test.classname
      title = test.fullTitle
      outcome = test.outcome
    }
  }

  /// A test's identity across files of one format: its spec's file name, class and full title.
  private struct Identity: Hashable {
    var specFile: Substring?
    var classname: String?
    var title: String

    init(_ test: TestResult) {
      specFile = test.spec?.fileNameSlice
      classname = test.classname
      title = test.displayTitle
    }
  }

  /// Failed hooks, each once: a hook reported by two formats, or by a merged report and its
  /// per-spec file, is one hook by its full title.
  static func hooks(_ reports: [ParsedReport]) -> [HookFailure] {
    var titles: Set<String> = []
    return reports.flatMap(\.failedHooks).filter { titles.insert($0.title).inserted }
  }
}

public import FoundationEssentials

/// A series' finished runs (SPEC §8.1), oldest first, over one table of test names: each run
/// keeps one outcome letter per test of the table, so 50 runs of 5,000 tests are 5,000 names
/// and 50 lines of 5,000 bytes, and comparing runs compares bytes at one index.
public struct SeriesHistory: Sendable, Equatable {
  public var series: String
  /// Every test some kept run has, in the order first recorded.
  public private(set) var tests: [String]
  public private(set) var runs: [HistoryRun]

  public init(series: String, tests: [String] = [], runs: [HistoryRun] = []) {
    self.series = series
    self.tests = tests
    self.runs = runs
  }

  /// The runs recorded before `build`, newest first: the whole history when `build` is not in
  /// it, else the runs before its own entry, so a run recorded again (a check after a crash)
  /// is compared with what it was compared with the first time.
  public func runs(before build: String) -> ArraySlice<HistoryRun> {
    let end = runs.firstIndex { $0.build == build } ?? runs.endIndex
    return runs[..<end].reversed()[...]
  }

  /// `run`'s outcomes laid over the table: one letter per table position (`absent` where the
  /// run lacks the test), and the tests the table does not have yet. A test listed more than
  /// once (several machines ran it) is failed if it failed anywhere, flaky if it passed on a
  /// retry anywhere, else passed if it passed anywhere.
  ///
  /// A run usually lists its tests in the order the table does (the same suite, the same
  /// reports), so each is first compared, as bytes, with the table's next name; only a test
  /// out of that order is looked up by name.
  public func align(_ run: FinishedRun) -> AlignedRun {
    var aligned = AlignedRun(outcomes: [UInt8](repeating: HistoryOutcome.absent, count: tests.count))
    var index: [TestKey: Int]?
    var unrecorded: [TestKey: Int] = [:]
    var next = 0
    run.log.forEach { outcome, bytes in
      var position: Int?
      if next < tests.count, TestKey.sameBytes(tests[next], bytes) {
        position = next
      } else {
        if index == nil { index = Dictionary(zip(tests.map(TestKey.init), tests.indices)) { first, _ in first } }
        position = index?[TestKey(String(decoding: bytes, as: UTF8.self))]
      }
      if let position {
        next = position + 1
        aligned.outcomes[position] = HistoryOutcome.heavier(aligned.outcomes[position], outcome)
        return
      }
      let key = TestKey(String(decoding: bytes, as: UTF8.self))
      if let seen = unrecorded[key] {
        let merged = HistoryOutcome.heavier(aligned.unrecorded[seen].outcome.rawValue, outcome)
        aligned.unrecorded[seen].outcome = HistoryOutcome(rawValue: merged) ?? outcome
      } else {
        unrecorded[key] = aligned.unrecorded.count
        aligned.unrecorded.append(.init(name: key.name, outcome: outcome))
      }
    }
    return aligned
  }

  /// Records `run`: in place of an entry with the same build name (never twice), else after
  /// the others; then only the newest `keep` runs are kept, and the table only the tests they
  /// have.
  public mutating func record(_ run: FinishedRun, keep: Int) {
    let aligned = align(run)
    tests += aligned.unrecorded.map(\.name)
    let outcomes = aligned.outcomes + aligned.unrecorded.map(\.outcome.rawValue)
    for position in runs.indices {
      runs[position].outcomes += [UInt8](
        repeating: HistoryOutcome.absent, count: tests.count - runs[position].outcomes.count)
    }
    let entry = HistoryRun(
      build: run.build, state: run.state, recordedAt: run.recordedAt, counts: run.counts, outcomes: outcomes)
    if let existing = runs.firstIndex(where: { $0.build == run.build }) {
      runs[existing] = entry
    } else {
      runs.append(entry)
    }
    if runs.count > max(keep, 1) { runs.removeFirst(runs.count - max(keep, 1)) }
    dropUnusedTests()
  }

  /// Removes the tests no kept run has, so a renamed test does not stay in the table forever.
  private mutating func dropUnusedTests() {
    let used = tests.indices.filter { index in runs.contains { $0.outcomes[index] != HistoryOutcome.absent } }
    guard used.count < tests.count else { return }
    tests = used.map { tests[$0] }
    for position in runs.indices {
      let outcomes = runs[position].outcomes
      runs[position].outcomes = used.map { outcomes[$0] }
    }
  }
}

/// One finished run of a series: its build name (the key), how it ended, its counts and one
/// outcome letter per test of the series' table.
public struct HistoryRun: Sendable, Equatable {
  public var build: String
  public var state: RunState
  public var recordedAt: Date
  public var counts: TestCounts
  /// `HistoryOutcome` raw values, or `HistoryOutcome.absent`, by table position.
  public var outcomes: [UInt8]

  public init(build: String, state: RunState, recordedAt: Date, counts: TestCounts, outcomes: [UInt8]) {
    self.build = build
    self.state = state
    self.recordedAt = recordedAt
    self.counts = counts
    self.outcomes = outcomes
  }

  /// The outcome of the test at table position `index`; `nil` when this run did not have it.
  public func outcome(_ index: Int?) -> HistoryOutcome? {
    guard let index, outcomes.indices.contains(index) else { return nil }
    return HistoryOutcome(rawValue: outcomes[index])
  }
}

/// A run's outcomes over a series' table (`SeriesHistory.align`).
public struct AlignedRun: Sendable, Equatable {
  public struct Test: Sendable, Equatable {
    public var name: String
    public var outcome: HistoryOutcome
  }

  /// `HistoryOutcome` raw values, or `HistoryOutcome.absent`, by table position.
  public var outcomes: [UInt8]
  /// The tests the table does not name, each once, in the order the run lists them.
  public var unrecorded: [Test] = []
}

/// A run to record, as a check judged it.
public struct FinishedRun: Sendable, Equatable {
  public var build: String
  public var state: RunState
  public var recordedAt: Date
  public var counts: TestCounts
  /// Each test by its name in failure groups, in the order reported: every machine's log in
  /// turn, so a test several machines ran is listed once per machine.
  public private(set) var log: TestOutcomeLog

  public init(build: String, state: RunState, recordedAt: Date, counts: TestCounts, log: TestOutcomeLog) {
    self.build = build
    self.state = state
    self.recordedAt = recordedAt
    self.counts = counts
    self.log = log
  }

  /// A run of `tests`, in the order of their names.
  public init(build: String, state: RunState, recordedAt: Date, counts: TestCounts, tests: [String: HistoryOutcome]) {
    var log = TestOutcomeLog()
    for (name, outcome) in tests.sorted(by: { $0.key < $1.key }) { log.append(name: name, outcome) }
    self.init(build: build, state: state, recordedAt: recordedAt, counts: counts, log: log)
  }

  /// The run `snapshot` shows.
  public init(build: String, state: RunState, recordedAt: Date, snapshot: RunSnapshot) {
    var log = TestOutcomeLog()
    for machine in snapshot.machines { log.append(contentsOf: machine.results.testLog) }
    self.init(build: build, state: state, recordedAt: recordedAt, counts: snapshot.counts, log: log)
  }
}

/// A test name as a dictionary key, hashed and compared by its UTF-8 bytes: `String` hashes
/// through Unicode normalisation, and every test name holds the non-ASCII " › ", which made
/// hashing most of what comparing 5,000 tests with their history cost.
struct TestKey: Hashable {
  var name: String

  init(_ name: String) { self.name = name }

  static func == (left: TestKey, right: TestKey) -> Bool {
    var right = right.name
    return right.withUTF8 { sameBytes(left.name, $0) }
  }

  /// Whether `name`'s UTF-8 is `bytes`.
  static func sameBytes(_ name: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard name.utf8.count == bytes.count else { return false }
    var name = name
    return name.withUTF8 { name in
      for index in 0..<name.count where name[index] != bytes[index] { return false }
      return true
    }
  }

  func hash(into hasher: inout Hasher) {
    var name = name
    name.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
  }
}

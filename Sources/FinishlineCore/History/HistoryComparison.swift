public import FoundationEssentials

/// One test's outcome as a series' history keeps it.
public enum HistoryOutcome: String, Sendable, Codable, Equatable {
  case passed = "p"
  case failed = "f"
  /// Passed on a retry after failing.
  case flaky = "k"
  /// Skipped or pending: present, but did not run.
  case skipped = "s"

  var didFail: Bool { self == .failed }
  var didPass: Bool { self == .passed || self == .flaky }
}

/// One finished run of a series: its build name (the key: a re-check never records a run
/// twice), how it ended and every test's outcome by its name in failure groups.
public struct HistoryRun: Sendable, Codable, Equatable {
  public var build: String
  public var state: RunState
  public var recordedAt: Date
  public var tests: [String: HistoryOutcome]

  public init(build: String, state: RunState, recordedAt: Date, tests: [String: HistoryOutcome]) {
    self.build = build
    self.state = state
    self.recordedAt = recordedAt
    self.tests = tests
  }
}

/// What changed since the baseline (SPEC §8.1), each list sorted by test name.
public struct HistoryLabels: Sendable, Equatable {
  public struct StillFailing: Sendable, Equatable {
    public var test: String
    /// The first run of the current failing streak.
    public var since: String
    /// The streak's length in runs, this one included.
    public var runs: Int
  }

  public struct Flaky: Sendable, Equatable {
    public var test: String
    /// Changes between passing and failing, plus runs that passed on a retry.
    public var flips: Int
    public var window: Int
  }

  /// The baseline's build name; `nil` for the first run of a series.
  public var comparedWith: String?
  public var new: [String] = []
  public var stillFailing: [StillFailing] = []
  public var fixed: [String] = []
  public var added: [String] = []
  public var removed: [String] = []
  public var flaky: [Flaky] = []
}

/// The labels of a run against its series' earlier runs: pure, so check, explain and preview
/// given the same recorded baseline agree.
public enum HistoryComparison {
  /// - Parameters:
  ///   - current: this run's tests.
  ///   - earlier: the series' earlier runs, newest first; the first is the baseline.
  ///   - flakyWindow: how many runs, this one included, flips are counted over.
  public static func labels(
    current: [String: HistoryOutcome], earlier: [HistoryRun], flakyWindow: Int
  ) -> HistoryLabels {
    var labels = HistoryLabels(comparedWith: earlier.first?.build)
    let failing = current.filter { $0.value.didFail }.keys.sorted()
    guard let baseline = earlier.first else {
      labels.new = failing
      return labels
    }
    for test in failing {
      if baseline.tests[test]?.didFail == true {
        labels.stillFailing.append(streak(of: test, in: earlier))
      } else {
        labels.new.append(test)
      }
    }
    labels.fixed = baseline.tests.filter { $0.value.didFail && current[$0.key]?.didPass == true }.keys.sorted()
    labels.added = current.keys.filter { baseline.tests[$0] == nil }.sorted()
    labels.removed = baseline.tests.keys.filter { current[$0] == nil }.sorted()
    labels.flaky = flaky(current: current, earlier: earlier, window: flakyWindow)
    return labels
  }

  /// A test failing now and in the baseline: how far back its failures go without a break.
  private static func streak(of test: String, in earlier: [HistoryRun]) -> HistoryLabels.StillFailing {
    var since = earlier[0].build
    var runs = 1
    for run in earlier {
      guard run.tests[test]?.didFail == true else { break }
      since = run.build
      runs += 1
    }
    return HistoryLabels.StillFailing(test: test, since: since, runs: runs)
  }

  /// Tests that flipped between passing and failing at least twice, or passed on a retry in at
  /// least two runs, within the window; runs where a test was skipped or absent are passed over.
  private static func flaky(
    current: [String: HistoryOutcome], earlier: [HistoryRun], window: Int
  ) -> [HistoryLabels.Flaky] {
    let runs = [current] + earlier.prefix(max(window - 1, 0)).map(\.tests)
    let tests = Set(runs.flatMap(\.keys))
    var flaky: [HistoryLabels.Flaky] = []
    for test in tests.sorted() {
      let outcomes = runs.compactMap { $0[test] }.filter { $0 != .skipped }
      let retried = outcomes.count { $0 == .flaky }
      let changes = zip(outcomes, outcomes.dropFirst()).count { $0.didFail != $1.didFail }
      guard changes >= 2 || retried >= 2 else { continue }
      flaky.append(HistoryLabels.Flaky(test: test, flips: changes + retried, window: window))
    }
    return flaky
  }
}

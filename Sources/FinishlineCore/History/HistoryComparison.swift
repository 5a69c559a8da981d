/// What changed since the baseline (SPEC §8.1), each list sorted by test name. Recorded on the
/// scope when it is first judged, so every later message, `explain` and `preview` say the same.
public struct HistoryLabels: Sendable, Equatable, Codable {
  public struct StillFailing: Sendable, Equatable, Codable {
    public var test: String
    /// The first run of the current failing streak.
    public var since: String
    /// The streak's length in runs, this one included.
    public var runs: Int

    public init(test: String, since: String, runs: Int) {
      self.test = test
      self.since = since
      self.runs = runs
    }
  }

  public struct Flaky: Sendable, Equatable, Codable {
    public var test: String
    /// Changes between passing and failing, plus runs that passed on a retry.
    public var flips: Int
    public var window: Int

    public init(test: String, flips: Int, window: Int) {
      self.test = test
      self.flips = flips
      self.window = window
    }
  }

  /// The baseline's build name; `nil` for the first run of a series.
  public var comparedWith: String?
  public var new: [String] = []
  public var stillFailing: [StillFailing] = []
  public var fixed: [String] = []
  public var added: [String] = []
  public var removed: [String] = []
  public var flaky: [Flaky] = []

  public init(
    comparedWith: String?, new: [String] = [], stillFailing: [StillFailing] = [], fixed: [String] = [],
    added: [String] = [], removed: [String] = [], flaky: [Flaky] = []
  ) {
    self.comparedWith = comparedWith
    self.new = new
    self.stillFailing = stillFailing
    self.fixed = fixed
    self.added = added
    self.removed = removed
    self.flaky = flaky
  }

  /// Each list in the order of its test names, as every message and payload shows them.
  mutating func sortLists() {
    new.sort()
    stillFailing.sort { $0.test < $1.test }
    fixed.sort()
    added.sort()
    removed.sort()
    flaky.sort { $0.test < $1.test }
  }

  /// A run whose failing tests all failed in the baseline too. A FAILED run with no failing
  /// test at all (a machine that crashed, a failed hook) is not one: what failed is not known.
  public var hasNoNewFailures: Bool { comparedWith != nil && new.isEmpty && !stillFailing.isEmpty }
}

/// The labels of a run against its series' earlier runs: pure, so check, explain and preview
/// given the same history agree. Runs are compared by table position, one byte per test.
public enum HistoryComparison {
  /// - Parameters:
  ///   - run: this run; its build name is left out of `history` if recorded there already.
  ///   - history: the series' history, which may or may not hold `run` yet.
  ///   - flakyWindow: how many runs, this one included, flips are counted over.
  public static func labels(of run: FinishedRun, in history: SeriesHistory, flakyWindow: Int) -> HistoryLabels {
    labels(of: history.align(run), build: run.build, in: history, flakyWindow: flakyWindow)
  }

  /// The labels of a run already laid over the history's table.
  public static func labels(
    of aligned: AlignedRun, build: String, in history: SeriesHistory, flakyWindow: Int
  ) -> HistoryLabels {
    let earlier = history.runs(before: build)
    var labels = HistoryLabels(comparedWith: earlier.first?.build)
    guard let baseline = earlier.first else {
      let failing = history.tests.indices.filter { aligned.outcomes[$0] == HistoryOutcome.failed.rawValue }
      labels.new = failing.map { history.tests[$0] } + aligned.unrecorded.filter(\.outcome.didFail).map(\.name)
      labels.sortLists()
      return labels
    }
    for (position, test) in history.tests.enumerated() {
      let now = HistoryOutcome(rawValue: aligned.outcomes[position])
      let before = baseline.outcome(position)
      switch (before, now) {
      case (nil, nil): continue
      case (_?, nil): labels.removed.append(test)
      case (nil, _?): labels.added.append(test)
      case (let before?, let now?):
        if now.didFail, before.didFail { labels.stillFailing.append(streak(of: test, at: position, in: earlier)) }
        if before.didFail, now.didPass { labels.fixed.append(test) }
      }
      if now?.didFail == true, before?.didFail != true { labels.new.append(test) }
    }
    labels.new += aligned.unrecorded.filter(\.outcome.didFail).map(\.name)
    labels.added += aligned.unrecorded.map(\.name)
    labels.flaky = flaky(
      aligned, tests: history.tests, earlier: earlier.prefix(max(flakyWindow - 1, 0)), window: flakyWindow)
    labels.sortLists()
    return labels
  }

  /// A test failing now and in the baseline: how far back its failures go without a break.
  private static func streak(
    of test: String, at position: Int, in earlier: ArraySlice<HistoryRun>
  ) -> HistoryLabels.StillFailing {
    var since = earlier[earlier.startIndex].build
    var runs = 1
    for run in earlier {
      guard run.outcome(position)?.didFail == true else { break }
      since = run.build
      runs += 1
    }
    return HistoryLabels.StillFailing(test: test, since: since, runs: runs)
  }

  /// Tests that flipped between passing and failing at least twice, or passed on a retry in at
  /// least two runs, within the window; runs where a test was skipped or absent are passed over.
  /// A test the table does not have yet ran once, so it cannot be one.
  private static func flaky(
    _ run: AlignedRun, tests: [String], earlier: ArraySlice<HistoryRun>, window: Int
  ) -> [HistoryLabels.Flaky] {
    var flaky: [HistoryLabels.Flaky] = []
    for (position, test) in tests.enumerated() {
      var changes = 0
      var retried = 0
      var failedBefore: Bool?
      for index in -1..<earlier.count {
        let outcome =
          index < 0
          ? HistoryOutcome(rawValue: run.outcomes[position]) : earlier[earlier.startIndex + index].outcome(position)
        guard let outcome, outcome != .skipped else { continue }
        if outcome == .flaky { retried += 1 }
        if let failedBefore, failedBefore != outcome.didFail { changes += 1 }
        failedBefore = outcome.didFail
      }
      guard changes >= 2 || retried >= 2 else { continue }
      flaky.append(HistoryLabels.Flaky(test: test, flips: changes + retried, window: window))
    }
    return flaky
  }
}

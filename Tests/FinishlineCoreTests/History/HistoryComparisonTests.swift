import Foundation
import Testing

@testable import FinishlineCore

@Suite("Comparing a run with its series' history")
struct HistoryComparisonTests {
  /// A run of `build` whose tests are `outcomes`, one letter per test a…: p, f, k (flaky), s, or
  /// `-` for absent.
  private func run(_ build: String, _ outcomes: String) -> FinishedRun {
    var tests: [String: HistoryOutcome] = [:]
    for (index, letter) in outcomes.enumerated() where letter != "-" {
      tests[String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))] = HistoryOutcome(
        rawValue: letter.asciiValue ?? 0)
    }
    return FinishedRun(
      build: build, state: outcomes.contains("f") ? .failed : .completed, recordedAt: Date(), counts: TestCounts(),
      tests: tests)
  }

  /// A series whose runs, newest first, are `earlier`.
  private func history(_ earlier: [FinishedRun]) -> SeriesHistory {
    var history = SeriesHistory(series: "n")
    for run in earlier.reversed() { history.record(run, keep: 50) }
    return history
  }

  private func labels(_ now: String, _ earlier: [FinishedRun], window: Int = 20) -> HistoryLabels {
    HistoryComparison.labels(of: run("now", now), in: history(earlier), flakyWindow: window)
  }

  @Test func `the first run of a series has no baseline, and every failure in it is new`() {
    #expect(labels("pfsf", []) == HistoryLabels(comparedWith: nil, new: ["b", "d"]))
  }

  @Test(arguments: [
    // now, baseline: new, still failing (test), fixed, added, removed
    ("pf", "pp", ["b"], [String](), [String](), [String](), [String]()),
    ("pf", "p-", ["b"], [], [], ["b"], []),
    ("pf", "ps", ["b"], [], [], [], []),
    ("ff", "fp", ["b"], ["a"], [], [], []),
    ("pp", "fp", [], [], ["a"], [], []),
    ("kp", "fp", [], [], ["a"], [], []),
    ("sp", "fp", [], [], [], [], []),
    ("-p", "fp", [], [], [], [], ["a"]),
    ("pp-", "pp", [], [], [], [], []),
    ("ppp", "pp", [], [], [], ["c"], []),
  ])
  func `each test is labelled against the baseline`(
    now: String, baseline: String, new: [String], still: [String], fixed: [String], added: [String],
    removed: [String]
  ) {
    let labels = labels(now, [run("n-1", baseline)])
    #expect(labels.comparedWith == "n-1")
    #expect(labels.new == new)
    #expect(labels.stillFailing.map(\.test) == still)
    #expect(labels.fixed == fixed)
    #expect(labels.added == added)
    #expect(labels.removed == removed)
  }

  @Test func `a failure still failing counts its streak back to the run it began in, across no gap`() {
    let earlier = [run("n-4", "f"), run("n-3", "f"), run("n-2", "p"), run("n-1", "f")]
    #expect(labels("f", earlier).stillFailing == [.init(test: "a", since: "n-3", runs: 3)])
    let broken = labels("f", [run("n-4", "f"), run("n-3", "-"), run("n-2", "f")])
    #expect(broken.stillFailing == [.init(test: "a", since: "n-4", runs: 2)])
  }

  @Test(arguments: [
    ("p", ["f", "p"], 20, [HistoryLabels.Flaky(test: "a", flips: 2, window: 20)]),
    ("p", ["f"], 20, []),
    ("k", ["k"], 20, [.init(test: "a", flips: 2, window: 20)]),
    ("k", ["p"], 20, []),
    ("p", ["s", "f", "s", "p"], 20, [.init(test: "a", flips: 2, window: 20)]),
    ("p", ["p", "f", "p"], 2, []),
    ("f", ["p", "f", "p", "f"], 3, [.init(test: "a", flips: 2, window: 3)]),
  ])
  func `a test is flaky over time when it flips twice or passes on a retry twice within the window`(
    now: String, earlier: [String], window: Int, flaky: [HistoryLabels.Flaky]
  ) {
    let runs = earlier.enumerated().map { run("n-\($0.offset + 1)", $0.element) }
    #expect(labels(now, runs, window: window).flaky == flaky)
  }

  @Test func `a run recorded again keeps its place and is compared with what came before it`() {
    var series = history([run("n-2", "fp"), run("n-1", "pp")])
    series.record(run("n-3", "pf"), keep: 50)
    series.record(run("n-2", "ff"), keep: 50)
    #expect(series.runs.map(\.build) == ["n-1", "n-2", "n-3"])
    #expect(series.runs(before: "n-2").map(\.build) == ["n-1"])
    let again = HistoryComparison.labels(of: run("n-3", "pf"), in: series, flakyWindow: 20)
    #expect(again.comparedWith == "n-2")
    #expect(again.stillFailing.map(\.test) == ["b"])
    #expect(again.fixed == ["a"])
  }

  @Test func `a history keeps its newest runs and only the tests they have`() {
    var series = history([run("n-3", "p-p"), run("n-2", "pp-"), run("n-1", "p--")])
    series.record(run("n-4", "--p"), keep: 2)
    #expect(series.runs.map(\.build) == ["n-3", "n-4"])
    #expect(series.tests == ["a", "c"])
    #expect(series.runs.map { String(decoding: $0.outcomes, as: UTF8.self) } == ["pp", "-p"])
  }
}

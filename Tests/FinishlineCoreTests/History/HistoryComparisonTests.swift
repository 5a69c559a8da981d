import Foundation
import Testing

@testable import FinishlineCore

@Suite("Comparing a run with its series' history")
struct HistoryComparisonTests {
  /// A run of `build` whose tests are `outcomes`, one letter per test a…: p, f, k (flaky), s, or
  /// `-` for absent.
  private func run(_ build: String, _ outcomes: String) -> HistoryRun {
    HistoryRun(
      build: build, state: outcomes.contains("f") ? .failed : .completed, recordedAt: Date(), tests: tests(outcomes))
  }

  private func tests(_ outcomes: String) -> [String: HistoryOutcome] {
    var tests: [String: HistoryOutcome] = [:]
    for (index, letter) in outcomes.enumerated() where letter != "-" {
      tests[String(UnicodeScalar(UInt8(ascii: "a") + UInt8(index)))] = HistoryOutcome(rawValue: String(letter))
    }
    return tests
  }

  @Test func `the first run of a series has no baseline, and every failure in it is new`() {
    let labels = HistoryComparison.labels(current: tests("pfsf"), earlier: [], flakyWindow: 20)
    #expect(labels == HistoryLabels(comparedWith: nil, new: ["b", "d"]))
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
    let labels = HistoryComparison.labels(current: tests(now), earlier: [run("n-1", baseline)], flakyWindow: 20)
    #expect(labels.comparedWith == "n-1")
    #expect(labels.new == new)
    #expect(labels.stillFailing.map(\.test) == still)
    #expect(labels.fixed == fixed)
    #expect(labels.added == added)
    #expect(labels.removed == removed)
  }

  @Test func `a failure still failing counts its streak back to the run it began in, across no gap`() {
    let earlier = [run("n-4", "f"), run("n-3", "f"), run("n-2", "p"), run("n-1", "f")]
    let labels = HistoryComparison.labels(current: tests("f"), earlier: earlier, flakyWindow: 20)
    #expect(labels.stillFailing == [.init(test: "a", since: "n-3", runs: 3)])
    let broken = HistoryComparison.labels(
      current: tests("f"), earlier: [run("n-4", "f"), run("n-3", "-"), run("n-2", "f")], flakyWindow: 20)
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
    #expect(HistoryComparison.labels(current: tests(now), earlier: runs, flakyWindow: window).flaky == flaky)
  }
}

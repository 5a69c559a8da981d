import Foundation
import Testing

@testable import FinishlineCore

@Suite("finishline history's tables")
struct HistoryReportTests {
  static let start = Date(timeIntervalSince1970: 1_764_547_200)

  /// nightly-1..4 over tests a, b, c: b fails from 2 on, c flips on every run, a is fixed in 4.
  static func history() -> SeriesHistory {
    let runs: [[String: HistoryOutcome]] = [
      ["a": .failed, "b": .passed, "c": .passed],
      ["a": .failed, "b": .failed, "c": .failed],
      ["a": .failed, "b": .failed, "c": .passed],
      ["a": .passed, "b": .failed, "c": .failed],
    ]
    var history = SeriesHistory(series: "nightly")
    for (index, tests) in runs.enumerated() {
      let failed = tests.values.count { $0 == .failed }
      history.record(
        FinishedRun(
          build: "nightly-\(index + 1)", state: .failed, recordedAt: start.addingTimeInterval(Double(index) * 86_400),
          counts: TestCounts(passed: 3 - failed, failed: failed), tests: tests),
        keep: 50)
    }
    return history
  }

  @Test func `each run is labelled against the run before it, newest first`() {
    let lines = HistoryReport.runs(Self.history(), flakyWindow: 20)

    #expect(lines.map(\.run.build) == ["nightly-4", "nightly-3", "nightly-2", "nightly-1"])
    #expect(lines.map(\.labels.comparedWith) == ["nightly-3", "nightly-2", "nightly-1", nil])
    #expect(lines.map(\.labels.new) == [["c"], [], ["b", "c"], ["a"]])
    #expect(lines.map(\.labels.fixed) == [["a"], ["c"], [], []])
    #expect(lines[0].labels.flaky.map(\.test) == ["c"])
    #expect(lines[0].labels.flaky.first?.flips == 3)
  }

  @Test func `the run table shows counts, new and fixed, and the flakiest tests`() {
    let text = HistoryReport.runTable(series: "nightly", HistoryReport.runs(Self.history(), flakyWindow: 20))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)

    #expect(lines[0] == "series nightly: 4 runs")
    #expect(lines[2].hasPrefix("BUILD"))
    #expect(lines[3].hasPrefix("nightly-4"))
    #expect(lines[3].hasSuffix("nightly-3"))
    #expect(lines[6].hasSuffix("-"))
    #expect(text.contains("flakiest tests (flips within the last 20 runs):\n  3  c"))
  }

  @Test func `the series list names each series' last run, and says when there is none`() {
    let text = HistoryReport.seriesTable([HistoryReport.SeriesLine(Self.history())])
    #expect(text.hasPrefix("SERIES"))
    #expect(text.contains("nightly"))
    #expect(text.contains("nightly-4"))
    #expect(text.contains("2025-12-04T00:00:00Z"))
    #expect(HistoryReport.seriesTable([]).hasPrefix("no series recorded yet"))
  }

  @Test func `the JSON forms carry the same runs`() throws {
    let runs = HistoryReport.runsJSON(series: "nightly", HistoryReport.runs(Self.history(), flakyWindow: 20)).text
    let object = try #require(try JSONSerialization.jsonObject(with: Data(runs.utf8)) as? [String: Any])
    let list = try #require(object["runs"] as? [[String: Any]])
    #expect(list.count == 4)
    #expect(list.first?["build"] as? String == "nightly-4")
    #expect(list.first?["fixed"] as? [String] == ["a"])
    #expect(list.last?["compared_with"] is NSNull)
    #expect((object["flaky"] as? [[String: Any]])?.first?["test"] as? String == "c")
    let series = HistoryReport.seriesJSON([HistoryReport.SeriesLine(Self.history())]).text
    #expect(series.contains(#""series":"nightly","runs":4,"last":{"build":"nightly-4","state":"FAILED""#))
  }
}

import Foundation
import Testing

@testable import FinishlineCore

@Suite("status page, series strips")
struct StatusPageSeriesTests {
  static let now = Date(timeIntervalSince1970: 1_700_000_000)

  /// `count` runs of `series`, an hour apart, the newest an hour before `now`; every third failed.
  static func history(_ series: String, runs count: Int, newest: Double = -3600) -> SeriesHistory {
    var history = SeriesHistory(series: series)
    for number in 1...count {
      let state: RunState = number % 3 == 0 ? .failed : .completed
      history.record(
        FinishedRun(
          build: "\(series)-\(number)", state: state,
          recordedAt: now.addingTimeInterval(newest - Double(count - number) * 3600),
          counts: TestCounts(passed: 9, failed: state == .failed ? 1 : 0, pending: 0, skipped: 0),
          tests: ["a": state == .failed ? .failed : .passed]),
        keep: 50)
    }
    return history
  }

  static func render(_ series: [StatusPage.Series]) -> String {
    StatusPage.render(runs: [], unreadable: [], series: series, subscriptions: [], now: now)
  }

  static func strip(of series: String, in page: String) throws -> String {
    let row = try #require(page.components(separatedBy: "<tr ").first { $0.contains(">\(series)</span></th>") })
    let start = try #require(row.range(of: "<ol class=\"strip\""))
    let end = try #require(row.range(of: "</ol>"))
    return String(row[start.lowerBound..<end.upperBound])
  }

  @Test func `a strip shows the newest 20 runs oldest first, each coloured by its state and labelled`() throws {
    let page = Self.render([StatusPage.Series(Self.history("nightly", runs: 25))])
    let strip = try Self.strip(of: "nightly", in: page)
    let cells = strip.components(separatedBy: "<li ").dropFirst()
    #expect(cells.count == StatusPage.stripLength)
    #expect(cells.first?.contains("nightly-6: FAILED") == true, "\(cells.first ?? "")")
    #expect(cells.dropFirst().first?.contains("nightly-7: COMPLETED, 9 tests passed") == true)
    #expect(cells.last?.contains("nightly-25: COMPLETED") == true)
    #expect(!strip.contains("nightly-5:"), "older runs are left off")
    let failed = try #require(cells.first { $0.contains("nightly-24:") })
    #expect(failed.contains("background: \(StateStyle.color(.failed))"))
    #expect(failed.contains("nightly-24: FAILED, 1 of 10 failed, 2023-11-14T"))
    #expect(strip.contains("aria-label=\"20 runs of nightly\""))
  }

  @Test func `the series whose last run is newest comes first, with its last run named`() throws {
    let page = Self.render([
      StatusPage.Series(Self.history("weekly", runs: 3, newest: -86400)),
      StatusPage.Series(Self.history("nightly", runs: 2)),
    ])
    let nightly = try #require(page.range(of: ">nightly</span></th>"))
    let weekly = try #require(page.range(of: ">weekly</span></th>"))
    #expect(nightly.lowerBound < weekly.lowerBound)
    #expect(page.contains("<span class=\"run-name\">weekly-3</span> \(StatusPage.badge(.failed))"))
    #expect(page.contains("1 of 10 failed</span></td></tr>"))
  }

  @Test func `without recorded series the page has no series section`() {
    #expect(!Self.render([]).contains("class=\"series\""))
    #expect(!Self.render([StatusPage.Series(series: "empty", cells: [])]).contains("class=\"series\""))
  }

  @Test func `series and build names are escaped`() throws {
    let page = Self.render([StatusPage.Series(Self.history("<b>\"x\"&", runs: 1))])
    #expect(!page.contains("<b>\"x\""))
    #expect(page.contains("<span class=\"run-name\">&lt;b&gt;&quot;x&quot;&amp;</span></th>"))
    #expect(page.contains("title=\"&lt;b&gt;&quot;x&quot;&amp;-1: COMPLETED"))
  }
}

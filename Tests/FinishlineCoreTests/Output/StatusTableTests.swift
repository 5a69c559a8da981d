import FoundationEssentials
import Testing

@testable import FinishlineCore

@Suite("status table")
struct StatusTableTests {
  func row(_ scope: String, _ state: RunState, minutesAgo: Double) -> StatusTable.Row {
    let now = ClassifierFixture.now
    let report = ScopeReport(
      scope: scope, group: nil, state: state, reason: "because", counts: TestCounts(),
      machines: MachineTotals(total: 1, failed: 0),
      deliveries: [DeliveryReport(target: "atvm", outcome: .delivered, attempts: 1)])
    let at = now.addingTimeInterval(-minutesAgo * 60)
    return StatusTable.Row(report: report, since: at, lastSeen: at)
  }

  @Test func `runs are listed newest first in aligned columns`() throws {
    let text = StatusTable.render(
      [row("old-run", .completed, minutesAgo: 90), row("new", .failed, minutesAgo: 1)], now: ClassifierFixture.now,
      color: false)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    #expect(lines[1].hasPrefix("new "))
    #expect(lines[2].hasPrefix("old-run "))
    let column = try #require(lines[0].firstRange(of: "STATE")).lowerBound.utf16Offset(in: lines[0])
    #expect(lines[1].dropFirst(column).hasPrefix("FAILED"), "the state column lines up")
    #expect(lines[2].dropFirst(column).hasPrefix("COMPLETED"))
    #expect(lines[2].contains("atvm:delivered") && lines[2].contains("1h30m ago"))
  }

  @Test func `colour is used only when asked`() {
    let rows = [row("a", .failed, minutesAgo: 1)]
    #expect(!StatusTable.render(rows, now: ClassifierFixture.now, color: false).contains("\u{1B}["))
    #expect(StatusTable.render(rows, now: ClassifierFixture.now, color: true).contains("\u{1B}[31m"))
  }

  @Test func `an empty state directory says so`() {
    #expect(StatusTable.render([], now: ClassifierFixture.now, color: false) == "no tracked runs")
  }
}

import Foundation
import Testing

@testable import FinishlineCore

@Suite("Reading xUnit.net XML")
struct XUnitReportTests {
  @Test func `an xUnit.net v2 file counts its tests and fails the run on a collection's clean-up error`() throws {
    let report = try Fixture.report("xunit.xml")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(report.format == .xunit)
    #expect(results.counts == TestCounts(passed: 4, failed: 2, skipped: 1))
    #expect(
      results.failures.map { "\($0.classname ?? "") \($0.title): \($0.message)" } == [
        "Shop.Tests.CartTests RemovesItem: Assert.Equal() Failure: Values differ\nExpected: 0\nActual:   1",
        "Shop.Tests.CheckoutTests PaysByCard: System.TimeoutException : the payment form did not load within 30 s",
      ])
    #expect(report.tests.map(\.fullTitle).contains("Totals(subtotal: 90, expected: 100)"))
    #expect(
      results.failedHooks.map(\.title) == ["test-collection-cleanup Test collection for Shop.Tests.CheckoutTests"])
    #expect(report.specNames == ["Shop.Tests.dll"])
    #expect(report.startedAt == ReportTimestamp.parse("2026-12-03T09:00:00.1Z"))
    #expect(report.endedAt == ReportTimestamp.parse("2026-12-03T09:00:42Z"))
  }

  @Test(arguments: [
    ("Pass", TestOutcome.passed), ("Fail", .failed), ("Skip", .skipped), ("NotRun", .skipped),
  ])
  func `each xUnit.net result has its outcome`(result: String, outcome: TestOutcome) {
    #expect(XUnitReport.outcome(result) == outcome)
  }
}

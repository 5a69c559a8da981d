import Foundation
import Testing

@testable import FinishlineCore

@Suite("Reading NUnit XML")
struct NUnitReportTests {
  @Test func `an NUnit 3 file counts its test cases, refines results by label and fails on a tear-down`() throws {
    let report = try Fixture.report("nunit3.xml")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(report.format == .nunit)
    #expect(results.counts == TestCounts(passed: 3, failed: 2, skipped: 2))
    #expect(
      results.failures.map { "\($0.classname ?? "") \($0.title): \($0.message)" } == [
        "Shop.Tests.CartTests RemovesItem: Expected: 0\n  But was:  1",
        "Shop.Tests.CheckoutTests PaysByCard: System.TimeoutException : the payment form did not load within 30 s",
      ])
    #expect(
      results.failedHooks.map(\.message) == [
        "TearDown : System.InvalidOperationException : the payment sandbox refused to close"
      ])
    #expect(report.specNames == ["Shop.Tests.dll"])
    #expect(results.durationMs == 41_900)
  }

  @Test func `an NUnit 2 file names each test by its namespaces and fixture`() throws {
    let report = try Fixture.report("nunit2.xml")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(results.counts == TestCounts(passed: 3, failed: 2, skipped: 2))
    #expect(
      report.tests.map(\.displayName).prefix(3) == [
        "Shop.Tests.CartTests › AddsItem", "Shop.Tests.CartTests › RemovesItem",
        "Shop.Tests.CartTests › Totals(90,100)",
      ])
    #expect(report.specNames == ["Shop.Tests.dll"])
    #expect(results.durationMs == 41_900)
    #expect(report.startedAt == ReportTimestamp.parse("2026-12-03 09:00:00"))
  }

  @Test(
    arguments: [
      ("Passed", nil, TestOutcome.passed), ("Success", nil, .passed), ("Failed", nil, .failed),
      ("Failure", nil, .failed), ("Error", nil, .failed), ("Skipped", "Ignored", .skipped), ("Ignored", nil, .skipped),
      ("Inconclusive", nil, .skipped), ("NotRunnable", nil, .skipped), ("Skipped", "Explicit", .skipped),
      ("Warning", nil, .skipped), ("Failed", "Cancelled", .failed), ("Passed", "Error", .failed),
      ("Failed", "Ignored", .skipped),
    ] as [(String, String?, TestOutcome)])
  func `each NUnit result and label has its outcome`(result: String, label: String?, outcome: TestOutcome) {
    #expect(NUnitReport.outcome(result: result, label: label) == outcome)
  }

  @Test func `a timed-out NUnit test whose failure is empty says the reason its label gives`() {
    let bytes = Data(
      #"""
      <test-run id="0" total="1"><test-suite type="Assembly" name="A.dll">
      <test-case name="Timeout_Test" classname="A.CalculatorTests" result="Failed" label="Test exceeded Timeout value 1ms."><failure /></test-case>
      <test-case name="Plain" classname="A.CalculatorTests" result="Failed" label="Error"><failure /></test-case>
      </test-suite></test-run>
      """#.utf8)
    guard case .parsed(let report) = NUnitReport.parse(bytes, path: "x.xml") else {
      Issue.record("not parsed")
      return
    }
    #expect(report.tests.map(\.failureMessage) == ["Test exceeded Timeout value 1ms.", ResultMerge.noMessage])
  }
}

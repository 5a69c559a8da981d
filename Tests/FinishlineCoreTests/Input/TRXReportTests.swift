import Foundation
import Testing

@testable import FinishlineCore

@Suite("Reading TRX")
struct TRXReportTests {
  @Test func `a TRX file names each test by its class from the definitions and reads its error message`() throws {
    let report = try Fixture.report("dotnet-mstest.trx")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(report.format == .trx)
    #expect(results.counts == TestCounts(passed: 3, failed: 2, skipped: 1))
    #expect(
      results.failures.map { "\($0.classname ?? "") \($0.title): \($0.message)" } == [
        "Shop.Tests.CartTests RemovesItem: Assert.AreEqual failed. Expected:<0>. Actual:<1>.",
        "Shop.Tests.CheckoutTests PaysByCard: Test 'PaysByCard' exceeded execution timeout period.",
      ])
    #expect(report.specNames == ["shop.tests.dll"])
    #expect(results.durationMs == 41_900)
  }

  @Test(arguments: [
    ("Passed", TestOutcome.passed), ("Failed", .failed), ("Error", .failed), ("Timeout", .failed),
    ("Aborted", .failed), ("NotExecuted", .skipped), ("NotRunnable", .skipped), ("Inconclusive", .skipped),
    ("Warning", .skipped), ("Disconnected", .skipped), ("InProgress", .skipped),
  ])
  func `each TRX outcome has its outcome`(text: String, outcome: TestOutcome) {
    #expect(TRXReport.outcome(text) == outcome)
  }

  @Test func `the xUnit adapter's full test names lose the class that names them already`() throws {
    let bytes = Data(
      #"""
      <TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results>
      <UnitTestResult testId="1" testName="Shop.Tests.CartTests.Totals(subtotal: 90)" outcome="Passed" duration="00:00:01.5000000"/>
      </Results><TestDefinitions><UnitTest id="1" storage="/x/Shop.Tests.dll">
      <TestMethod className="Shop.Tests.CartTests" name="Totals"/></UnitTest></TestDefinitions></TestRun>
      """#.utf8)
    guard case .parsed(let report) = TRXReport.parse(bytes, path: "x.trx") else {
      Issue.record("not parsed")
      return
    }
    #expect(report.tests.map(\.displayName) == ["Shop.Tests.CartTests › Totals(subtotal: 90)"])
    #expect(report.tests.first?.durationMs == 1500)
  }

  @Test func `a TRX file cut short is unreadable at every length`() throws {
    let bytes = [UInt8](try Fixture.data("dotnet-mstest.trx"))
    for length in stride(from: 1, to: bytes.count, by: 173) {
      #expect(!TRXReport.parse(Data(bytes[..<length]), path: "x.trx").holdsTests)
    }
  }

  @Test(arguments: [
    ("00:00:01.5000000", Double?.some(1500)), ("01:02:03", 3_723_000), ("00:00:00.0123456", 12.346),
    ("00:00", nil), ("x", nil), ("00:00:01.5.1", nil), ("", nil), ("::", nil),
  ])
  func `a TRX duration is read in milliseconds, and a malformed one is none`(text: String, milliseconds: Double?) {
    #expect(TRXReport.milliseconds(text) == milliseconds)
  }
}

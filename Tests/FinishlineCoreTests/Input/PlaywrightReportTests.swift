import Foundation
import Testing

@testable import FinishlineCore

@Suite("Reading Playwright JSON")
struct PlaywrightReportTests {
  @Test
  func
    `a Playwright report counts one test per project, names it with its project, its retries flaky and its timeouts failed`()
    throws
  {
    let report = try Fixture.report("playwright.json")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(report.format == .playwright)
    #expect(results.counts == TestCounts(passed: 6, failed: 2, skipped: 2, flaky: 1))
    #expect(results.flakyTests == ["cart.spec.ts › Cart › removes an item [chromium]"])
    #expect(
      results.failures.map(\.title) == ["Cart › adds an item to the cart [firefox]", "applies a coupon [chromium]"])
    #expect(results.testLog.tests.map(\.name).contains("cart.spec.ts › Cart › adds an item to the cart [chromium]"))
    #expect(
      results.failures.map(\.message) == [
        "Error: expect(locator).toHaveText(expected) failed\n\nLocator: getByTestId('cart-count')\n"
          + "Expected: \"1\"\nReceived: \"0\"\nTimeout: 5000ms",
        "Test timeout of 30000ms exceeded.",
      ])
    #expect(report.specNames == ["cart.spec.ts", "checkout.spec.ts"])
    #expect(results.durationMs == 41_900.123)
    #expect(report.startedAt == ReportTimestamp.parse("2026-12-03T09:00:00.120Z"))
    let end = try #require(report.endedAt)
    #expect(abs(end.timeIntervalSince(try #require(ReportTimestamp.parse("2026-12-03T09:00:42.020123Z")))) < 0.001)
  }

  @Test func `a test the run interrupted fails it, and a report without statuses is read as Playwright derives them`()
    throws
  {
    let bytes = Data(
      #"""
      {"config": {"version": "1.49.1"}, "suites": [{"title": "a.spec.ts", "file": "a.spec.ts", "specs": [
        {"title": "stopped", "tests": [{"projectName": "chromium", "status": "skipped",
          "results": [{"status": "interrupted", "duration": 900}]}]},
        {"title": "retried", "tests": [{"expectedStatus": "passed",
          "results": [{"status": "failed", "error": {"message": "boom"}}, {"status": "passed"}]}]},
        {"title": "failing on purpose", "tests": [{"expectedStatus": "failed", "results": [{"status": "failed"}]}]},
        {"title": "never passing", "tests": [{"results": [{"status": "timedOut", "errors": [{"message": "Test timeout of 5000ms exceeded."}]}]}]}
      ]}], "errors": [{"message": "Error: \u001b[31mNo tests found\u001b[39m"}], "stats": {"duration": 12}}
      """#.utf8)
    guard case .parsed(let report) = PlaywrightReport.parse(bytes, path: "x.json") else {
      Issue.record("not parsed")
      return
    }
    #expect(report.tests.map(\.outcome) == [.failed, .passed, .passed, .failed])
    #expect(report.tests.map(\.flaky) == [false, true, false, false])
    #expect(report.tests[0].failureMessage == PlaywrightReport.interruptedMessage)
    #expect(report.tests[3].failureMessage == "Test timeout of 5000ms exceeded.")
    #expect(report.failedHooks.map(\.message) == ["Error: No tests found"])
  }

  @Test func `Playwright JSON is told from mochawesome, which also has suites`() throws {
    let shape = ReportShape.of(BytesSource([UInt8](try Fixture.data("playwright.json"))))
    #expect(ReportFormat.recognizing(shape) == .playwright)
  }

  @Test func `the Playwright JSON and JUnit reports of one run count each test once`() throws {
    let results = ResultMerge.merge(
      machine: "vm-1", reports: [try Fixture.report("playwright.json"), try Fixture.report("playwright-junit.xml")])
    #expect(results.counts == TestCounts(passed: 6, failed: 2, skipped: 2, flaky: 1))
    #expect(results.failures.map(\.message).last == "Test timeout of 30000ms exceeded.")
  }

  @Test func `a Playwright file cut short is unreadable, and every prefix is answered`() throws {
    let bytes = [UInt8](try Fixture.data("playwright.json"))
    for length in stride(from: 0, to: bytes.count, by: 211) {
      let prefix = Data(bytes[..<length])
      let whole = PlaywrightReport.parse(prefix, path: "x.json")
      if length > 0 { #expect(!whole.holdsTests) }
      let streamed = PlaywrightReport.parse(
        streaming: BytesSource(Array(prefix), chunk: 5), path: "x.json", retries: .auto)
      #expect(streamed == nil || streamed == whole)
    }
  }

  @Test func `the streaming read equals the whole-file read at any chunk size`() throws {
    let bytes = [UInt8](try Fixture.data("playwright.json"))
    let whole = PlaywrightReport.parse(Data(bytes), path: "p.json")
    for chunk in [1, 7, 61, 4096] {
      #expect(
        PlaywrightReport.parse(streaming: BytesSource(bytes, chunk: chunk), path: "p.json", retries: .auto) == whole)
    }
  }
}

import Foundation
import Testing

@testable import FinishlineCore

@Suite("Reading CTRF")
struct CTRFReportTests {
  @Test func `a Playwright CTRF report counts one test per project, with its flaky and failed results`() throws {
    let report = try Fixture.report("ctrf-playwright.json")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(report.format == .ctrf)
    #expect(results.counts == TestCounts(passed: 3, failed: 1, skipped: 1, flaky: 1))
    #expect(results.flakyTests == ["cart.spec.ts › removes an item"])
    #expect(
      results.failures.map(\.message) == [
        "Error: expect(locator).toHaveText(expected) failed\n\nLocator: getByTestId('cart-count')\n"
          + "Expected: \"1\"\nReceived: \"0\"\nTimeout: 5000ms"
      ])
    #expect(report.specNames == ["cart.spec.ts", "checkout.spec.ts"])
    #expect(results.durationMs == 41_900)
    #expect(report.startedAt == Date(timeIntervalSince1970: 1_764_752_400))
  }

  @Test func `a Jest CTRF report maps other to skipped, strips colour codes and falls back to the trace`() throws {
    let results = ResultMerge.merge(machine: "vm-1", reports: [try Fixture.report("ctrf-jest.json")])

    #expect(results.counts == TestCounts(passed: 2, failed: 2, pending: 1, skipped: 1))
    #expect(
      results.failures.map(\.message) == [
        "expect(received).toBe(expected) // Object.is equality\n\nExpected: 90\nReceived: 100",
        "TypeError: Cannot read properties of undefined (reading 'items')",
      ])
    #expect(results.failures.first?.spec == "/home/ci/workspace/shop/src/cart.test.js")
  }

  @Test(arguments: [
    ("passed", TestOutcome.passed), ("failed", .failed), ("skipped", .skipped), ("pending", .pending),
    ("other", .skipped), ("unknown", .skipped),
  ])
  func `each CTRF status has its outcome`(status: String, outcome: TestOutcome) {
    #expect(CTRFReport.outcome(status) == outcome)
  }

  @Test func `a passed test with a failed attempt is flaky, in either schema's words`() throws {
    let bytes = Data(
      #"""
      {"results": {"tool": {"name": "cypress"}, "tests": [
        {"name": "a", "status": "passed", "duration": 1, "attempts": [{"status": "failed"}, {"status": "passed"}]},
        {"name": "b", "status": "passed", "duration": 1, "flake": true},
        {"name": "c", "status": "failed", "duration": 1, "flaky": true, "message": "boom"}
      ]}}
      """#.utf8)
    guard case .parsed(let report) = CTRFReport.parse(bytes, path: "x.json") else {
      Issue.record("not parsed")
      return
    }
    #expect(report.tests.map(\.flaky) == [true, true, false])
  }

  @Test func `the same test in a merged CTRF file and in its part counts once`() throws {
    let part = try Fixture.report("ctrf-playwright.json")
    let merged = ResultMerge.merge(machine: "vm-1", reports: [part, part])
    #expect(merged.counts == TestCounts(passed: 3, failed: 1, skipped: 1, flaky: 1))
  }

  @Test(arguments: [
    (#"{"results": {"tool": {"name": "x"}, "summary": {}}}"#, "no `results.tests` list"),
    ("[1, 2]", "the top level is not an object"),
  ])
  func `JSON that is no CTRF report is named, not unreadable`(text: String, reason: String) {
    guard case .notAReport(let said) = CTRFReport.parse(Data(text.utf8), path: "x.json") else {
      Issue.record("expected notAReport")
      return
    }
    #expect(said.contains(reason))
  }

  @Test func `a CTRF file cut short while it is written is unreadable, and every prefix is answered`() throws {
    let bytes = [UInt8](try Fixture.data("ctrf-jest.json"))
    for length in stride(from: 0, to: bytes.count, by: 37) {
      let prefix = Data(bytes[..<length])
      let whole = CTRFReport.parse(prefix, path: "x.json")
      if length > 0 { #expect(!whole.holdsTests) }
      let streamed = CTRFReport.parse(streaming: BytesSource(Array(prefix), chunk: 5), path: "x.json", retries: .auto)
      #expect(streamed == nil || streamed == whole)
    }
  }

  @Test func `the streaming read equals the whole-file read at any chunk size`() throws {
    for name in ["ctrf-playwright.json", "ctrf-jest.json"] {
      let bytes = [UInt8](try Fixture.data(name))
      let whole = CTRFReport.parse(Data(bytes), path: name)
      for chunk in [1, 7, 61, 4096] {
        #expect(CTRFReport.parse(streaming: BytesSource(bytes, chunk: chunk), path: name, retries: .auto) == whole)
      }
    }
  }
}

import Foundation
import Testing

@testable import FinishlineCore

@Suite("Reading mocha JSON")
struct MochaJSONReportTests {
  @Test func `a mocha JSON report sorts its tests by the lists, and a failed hook fails the run`() throws {
    let report = try Fixture.report("mocha-json.json")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(report.format == .mochaJSON)
    #expect(results.counts == TestCounts(passed: 3, failed: 1, pending: 1, flaky: 1))
    #expect(results.flakyTests == ["cart.test.js › Cart removes an item"])
    #expect(results.failures.map(\.message) == ["Expected values to be strictly equal:\n\n90 !== 100"])
    #expect(results.failedHooks.map(\.title) == [#"Checkout Coupons "before each" hook for "applies a coupon""#])
    #expect(results.failedHooks.first?.message.hasPrefix("Timeout of 5000ms exceeded.") == true)
    #expect(report.specNames == ["cart.test.js", "checkout.test.js"])
    #expect(results.durationMs == 6475)
  }

  @Test func `the reporter's smallest file, one passing test, is read`() throws {
    let results = ResultMerge.merge(machine: "vm-1", reports: [try Fixture.report("mocha-json-reporter.json")])
    #expect(results.counts == TestCounts(passed: 1))
  }

  @Test func `a copy of a mocha JSON file beside it counts once, two files of different tests both count`() throws {
    let report = try Fixture.report("mocha-json.json")
    let other = try Fixture.report("mocha-json-reporter.json")
    #expect(ResultMerge.merge(machine: "vm-1", reports: [report, report]).counts.total == 5)
    #expect(ResultMerge.merge(machine: "vm-1", reports: [report, other]).counts.total == 6)
  }

  @Test func `the streaming read equals the whole-file read at any chunk size, and every prefix is answered`() throws {
    let bytes = [UInt8](try Fixture.data("mocha-json.json"))
    let whole = MochaJSONReport.parse(Data(bytes), path: "m.json")
    for chunk in [1, 7, 61, 4096] {
      #expect(
        MochaJSONReport.parse(streaming: BytesSource(bytes, chunk: chunk), path: "m.json", retries: .auto) == whole)
    }
    for length in stride(from: 1, to: bytes.count, by: 97) {
      #expect(!MochaJSONReport.parse(Data(bytes[..<length]), path: "m.json").holdsTests)
    }
  }
}

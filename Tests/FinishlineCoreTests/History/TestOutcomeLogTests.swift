import Foundation
import Testing

@testable import FinishlineCore

@Suite("The outcomes a run's tests had")
struct TestOutcomeLogTests {
  @Test func `each test is named as failure groups name it, with its outcome`() {
    var log = TestOutcomeLog()
    log.append(TestResult(spec: "cypress/e2e/login.cy.js", fullTitle: "Login logs in", outcome: .passed))
    log.append(TestResult(spec: nil, classname: "com.example.CartTest", fullTitle: "addsItem", outcome: .failed))
    log.append(TestResult(spec: nil, fullTitle: "bare title", outcome: .pending))
    log.append(TestResult(spec: "a.spec.ts", fullTitle: "retried", outcome: .passed, flaky: true, project: "firefox"))
    log.append(TestResult(spec: "x.js", fullTitle: "x.js", outcome: .skipped))

    #expect(
      log.tests.map(\.name) == [
        "login.cy.js › Login logs in", "com.example.CartTest › addsItem", "bare title", "a.spec.ts › retried [firefox]",
        "x.js",
      ])
    #expect(log.tests.map(\.outcome) == [.passed, .failed, .skipped, .flaky, .skipped])
  }

  @Test func `the name a log records is the display name, with tabs and line breaks made spaces`() {
    let test = TestResult(spec: "a.cy.js", fullTitle: "two\tcolumns\nand\r\nlines", outcome: .failed)
    var log = TestOutcomeLog()
    log.append(test)

    #expect(log.tests.map(\.name) == [HistoryLabels.historyName(test.displayName)])
    #expect(log.tests.map(\.name) == ["a.cy.js › two columns and  lines"])
  }

  @Test func `bytes that do not end a line are not a log`() {
    #expect(TestOutcomeLog(bytes: Array("pa\nf".utf8)) == nil)
    #expect(TestOutcomeLog(bytes: Array("pa\n".utf8))?.tests.map(\.name) == ["a"])
    #expect(TestOutcomeLog(bytes: [])?.tests.isEmpty == true)
  }

  /// Bytes held elsewhere, as the parse cache's mapping holds a machine's log.
  struct Held: TestOutcomeLog.Source {
    let bytes: [UInt8]
    func withLogBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result { bytes.withUnsafeBytes(body) }
  }

  @Test func `a log left where it is held reads, compares and grows as the same log copied`() throws {
    var built = TestOutcomeLog()
    built.append(TestResult(spec: "a.cy.js", fullTitle: "one", outcome: .passed))
    built.append(TestResult(spec: "a.cy.js", fullTitle: "two", outcome: .failed))
    var held = try #require(TestOutcomeLog(source: Held(bytes: built.bytes)))
    #expect(held == built)
    #expect(held.tests.map(\.name) == built.tests.map(\.name))
    var names: [String] = []
    held.forEach { _, name in names.append(String(decoding: name, as: UTF8.self)) }
    #expect(names == ["a.cy.js › one", "a.cy.js › two"])
    held.append(TestResult(spec: "b.cy.js", fullTitle: "three", outcome: .passed))
    built.append(TestResult(spec: "b.cy.js", fullTitle: "three", outcome: .passed))
    #expect(held == built)
    var joined = TestOutcomeLog()
    joined.append(contentsOf: try #require(TestOutcomeLog(source: Held(bytes: built.bytes))))
    #expect(joined == built)
    #expect(TestOutcomeLog(source: Held(bytes: Array("pa\nf".utf8))) == nil)
  }
}

import Foundation
import Testing

@testable import FinishlineCore

/// SPEC §3.1 "JUnit attempts": which repeated test cases are one test's attempts, what they
/// add up to, and the rule that no reading turns a failure green without a retry the tool
/// itself recorded.
@Suite("JUnit attempts")
struct AttemptReadingTests {
  private static func parse(_ xml: String, retries: RetryMode = .auto) throws -> ParsedReport {
    guard case .parsed(let report) = JUnitReport.parse(Data(xml.utf8), path: "x.xml", retries: retries) else {
      throw Fixture.Problem(description: "did not parse: \(xml)")
    }
    return report
  }

  private static func fixture(_ name: String, retries: RetryMode = .auto) throws -> MachineResults {
    guard case .parsed(let report) = JUnitReport.parse(try Fixture.data(name), path: name, retries: retries) else {
      throw Fixture.Problem(description: "\(name) did not parse")
    }
    return ResultMerge.merge(machine: "vm-01", reports: [report])
  }

  @Test func `jest-junit's test.each cases share a title and a file but no line: each is a test`() throws {
    let results = try Self.fixture("jest-junit-test-each.xml")
    #expect(results.counts == TestCounts(passed: 6, failed: 1))
    #expect(results.failures.map(\.displayName) == ["price.test.ts › price validation accepts a valid amount"])
    #expect(results.failures.first?.message.hasPrefix("Error: expect(received).toBe(expected)") == true)
    #expect(results.flakyTests.isEmpty)
  }

  @Test func `gotestsum --rerun-fails under by-name: a failure then a pass is flaky, two failures fail`() throws {
    let results = try Self.fixture("gotestsum-rerun-fails.xml", retries: .byName)
    #expect(results.counts == TestCounts(passed: 3, failed: 1, flaky: 1))
    #expect(results.flakyTests == ["example.com/shop/sync › TestPushOrders"])
    #expect(results.failures.map(\.displayName) == ["example.com/shop/sync › TestRetryBudget"])
    #expect(results.failures.first?.message.contains("sync_test.go:71: budget = 3, want 5") == true)
  }

  @Test func `gotestsum under auto: its reruns are declared tests, so every element counts`() throws {
    let results = try Self.fixture("gotestsum-rerun-fails.xml")
    #expect(results.counts == TestCounts(passed: 3, failed: 3))
  }

  @Test func `a skipped element beside an error is the error: pytest's teardown failure after a skip`() throws {
    let results = try Self.fixture("pytest-skip-then-teardown-error.xml")
    #expect(results.counts == TestCounts(passed: 2, failed: 1))
    #expect(
      results.failures.first?.message == #"failed on teardown with "ConnectionError: cannot close the export session""#)
  }

  @Test(
    arguments: [
      ("<skipped/><failure message=\"boom\"/>", TestOutcome.failed),
      ("<failure message=\"boom\"/><skipped/>", .failed),
      ("<skipped/><error message=\"boom\"/>", .failed),
      ("<skipped/><failure message=\"a\"/><error message=\"b\"/>", .failed),
      ("<skipped message=\"later\"/>", .skipped),
      ("<disabled/><failure message=\"why it is off\"/>", .skipped),
    ])
  func `several result elements in one test case: the most severe wins, a disabled test stays skipped`(
    children: String, outcome: TestOutcome
  ) throws {
    let report = try Self.parse(
      #"<testsuite tests="1"><testcase classname="c" name="t">\#(children)</testcase></testsuite>"#)
    #expect(report.tests.map(\.outcome) == [outcome])
  }

  @Test func `a status attribute that disables the test wins over a failure element`() throws {
    let report = try Self.parse(
      #"<testsuite tests="1"><testcase name="t" status="notrun"><failure message="x"/></testcase></testsuite>"#)
    #expect(report.tests.map(\.outcome) == [.skipped])
  }

  /// Two attempts with one line, in both orders, under each declared failure count.
  @Test(
    arguments: [
      // (first, second, declared failures, outcome, flaky)
      ("fail", "pass", "", TestOutcome.passed, true),
      ("fail", "pass", " failures=\"1\"", .passed, true),
      ("pass", "fail", " failures=\"0\"", .passed, true),
      ("pass", "fail", " failures=\"1\"", .failed, false),
      ("pass", "fail", "", .failed, false),
      ("fail", "fail", " failures=\"0\"", .failed, false),
      ("pass", "pass", "", .passed, true),
    ])
  func `a pass and a failure of one test: flaky when the order or the tool's own count says so, else failed`(
    first: String, second: String, declared: String, outcome: TestOutcome, flaky: Bool
  ) throws {
    func element(_ kind: String) -> String {
      let body = kind == "fail" ? #"<failure message="assert False"/>"# : ""
      return #"<testcase classname="t" name="test_sync" file="t.py" line="7">\#(body)</testcase>"#
    }
    let report = try Self.parse(
      #"<testsuite tests="1"\#(declared)>\#(element(first))\#(element(second))</testsuite>"#)
    #expect(report.tests.map(\.outcome) == [outcome])
    #expect(report.tests.map(\.flaky) == [flaky])
  }

  @Test func `by-name reads a pass before a failure as flaky, and two passes as one passed test`() throws {
    let xml = """
      <testsuite tests="4" failures="1"><testcase classname="p" name="TestA"/>\
      <testcase classname="p" name="TestA"><failure message="Failed"/></testcase>\
      <testcase classname="p" name="TestB"/><testcase classname="p" name="TestB"/></testsuite>
      """
    let report = try Self.parse(xml, retries: .byName)
    #expect(report.tests.map(\.outcome) == [.passed, .passed])
    #expect(report.tests.map(\.flaky) == [true, false])
  }

  @Test(
    arguments: [
      ([TestOutcome.failed, .passed], RetryMode.auto, "passed flaky"),
      ([.passed, .failed], .auto, "ambiguous"),
      ([.passed, .failed], .byName, "passed flaky"),
      ([.failed, .failed, .failed], .auto, "failed"),
      ([.skipped, .skipped], .auto, "skipped"),
      ([.skipped, .failed], .auto, "failed"),
      ([.failed, .skipped], .auto, "failed"),
      ([.passed, .passed], .auto, "passed flaky"),
      ([.passed, .passed], .byName, "passed"),
      ([.failed, .passed, .failed], .auto, "ambiguous"),
      ([.failed, .failed, .passed], .byName, "passed flaky"),
    ])
  func `settling attempts, as a table`(outcomes: [TestOutcome], mode: RetryMode, expected: String) {
    let attempts = outcomes.map { TestResult(spec: nil, fullTitle: "t", outcome: $0) }
    let described: String
    switch RetryReading.settle(attempts, mode: mode) {
    case .decided(let result): described = result.outcome.rawValue + (result.flaky ? " flaky" : "")
    case .ambiguous(let asFailed, let asFlaky):
      described = asFailed.outcome == .failed && asFlaky.flaky && asFlaky.outcome == .passed ? "ambiguous" : "?"
    }
    #expect(described == expected)
  }

  /// The invariant of SPEC §3.1: same-named test cases without a line, in a suite that lists no
  /// more of them than it declares, are distinct tests. None merges into another, so every
  /// failure element is a failed test, whatever the names, files and order.
  @Test func `generated suites: same-named cases without lines within the declared count never merge`() throws {
    var random = SplitMix64(seed: 0x5EED_21)
    for _ in 0..<400 {
      let count = Int.random(in: 1...12, using: &random)
      var cases: [String] = []
      var failures = 0
      for _ in 0..<count {
        let name = ["accepts a valid amount", "rounds", "TestSync"].randomElement(using: &random) ?? "t"
        let file = Bool.random(using: &random) ? #" file="src/price.test.ts""# : ""
        let fails = Bool.random(using: &random)
        if fails { failures += 1 }
        let body = fails ? #"<failure>Error: expected true</failure>"# : ""
        cases.append(#"<testcase classname="price" name="\#(name)"\#(file) time="0.001">\#(body)</testcase>"#)
      }
      let declared = count + Int.random(in: 0...2, using: &random)
      let xml = #"<testsuite name="s" tests="\#(declared)">\#(cases.joined())</testsuite>"#
      let report = try Self.parse(xml)
      #expect(report.tests.count == count, "\(xml)")
      #expect(report.tests.count { $0.outcome == .failed } == failures, "\(xml)")
      #expect(report.tests.allSatisfy { !$0.flaky }, "\(xml)")
    }
  }
}

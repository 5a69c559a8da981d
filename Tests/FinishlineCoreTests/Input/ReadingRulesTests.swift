import Foundation
import Testing

@testable import FinishlineCore

/// SPEC §3 "Reading reports the way their tools mean them", one rule at a time, on files
/// written the way mochawesome 7, mochawesome-merge, pytest-rerunfailures, surefire,
/// go-junit-report and CTest write them.
@Suite("reading reports as their tools mean them")
struct ReadingRulesTests {
  private func merged(_ fixtures: [String], retries: RetryMode = .auto) throws -> MachineResults {
    let reports = try fixtures.map { name -> ParsedReport in
      let result =
        name.hasSuffix(".json")
        ? MochawesomeReport.parse(try Fixture.data(name), path: name)
        : JUnitReport.parse(try Fixture.data(name), path: name, retries: retries)
      guard case .parsed(let report) = result else { throw Fixture.Problem(description: "\(name): \(result)") }
      return report
    }
    return ResultMerge.merge(machine: "vm-01", reports: reports)
  }

  @Test func `mochawesome's 'results: [false]' is an empty spec, not an unreadable file`() throws {
    let report = try Fixture.report("mochawesome-7-empty-spec.json")
    #expect(report.tests.isEmpty)
    #expect(report.emptySpecs == 1)
    #expect(report.failedHooks.isEmpty)
  }

  @Test func `failed hooks are hooks, not tests: counts are the registered tests'`() throws {
    let results = try merged(["mochawesome-7-hooks.json"])
    #expect(results.counts == TestCounts(passed: 1, failed: 2, skipped: 4))
    #expect(results.counts.total == 7, "mochawesome's testsRegistered")
    #expect(
      results.failedHooks.map(\.title) == [
        #"Invoices "before all" hook for "lists invoices""#, #"Payments "before each" hook for "pays by card""#,
      ])
    #expect(results.failedHooks.map(\.skippedTests) == [3, 1])
    #expect(results.failedHooks.first?.message == "CypressError: Timed out retrying after 4000ms: cy.request() failed")
  }

  @Test func `a merged report beside its per-spec files counts every test once`() throws {
    let alone = try merged(["merge-login.json", "merge-search.json"])
    let both = try merged(["merge-login.json", "merge-search.json", "mochawesome-merge-report.json"])
    let mergedFirst = try merged(["mochawesome-merge-report.json", "merge-login.json"])
    #expect(alone.counts == TestCounts(passed: 4, failed: 1))
    #expect(both.counts == alone.counts)
    #expect(mergedFirst.counts == alone.counts)
    #expect(both.failures.count == 1)
  }

  @Test func `pytest-rerunfailures: repeated test cases are attempts; the last decides, a late pass is flaky`() throws {
    let results = try merged(["pytest-rerunfailures.xml"])
    #expect(results.counts == TestCounts(passed: 3, failed: 1, flaky: 1))
    #expect(results.flakyTests == ["test_checkout.py › test_payment_gateway"])
    #expect(results.failures.map(\.displayName) == ["test_checkout.py › test_refund"])
    #expect(results.failures.first?.message == "AssertionError: refund not settled\nassert 'pending' == 'settled'")
  }

  @Test func `retries = off counts every listed test case`() throws {
    let results = try merged(["pytest-rerunfailures.xml"], retries: .off)
    #expect(results.counts == TestCounts(passed: 5, failed: 1))
  }

  @Test func `surefire: flakyFailure passed in the end, rerunFailure failed every time`() throws {
    let results = try merged(["surefire-rerun.xml"])
    #expect(results.counts == TestCounts(passed: 2, failed: 1, flaky: 1))
    #expect(results.flakyTests == ["com.example.shop.CartTest › syncsWithServer"])
    #expect(results.failures.map(\.displayName) == ["com.example.shop.CartTest › appliesDiscount"])
  }

  @Test func `go-junit-report: subtests count, skips are skipped, the failure is named by package and test`() throws {
    let results = try merged(["go-junit-report.xml"])
    #expect(results.counts == TestCounts(passed: 2, failed: 1, skipped: 1))
    #expect(results.failures.map(\.displayName) == ["example.com/shop/cart › TestTotal/with_coupon"])
    #expect(results.failures.first?.message == "cart_test.go:41: total = 100, want 90")
  }

  @Test func `disabled and not-run tests are skipped, even with a failure element`() throws {
    let results = try merged(["ctest-disabled.xml"])
    #expect(results.counts == TestCounts(passed: 1, skipped: 3))
    #expect(results.failures.isEmpty)
  }

  @Test func `repeated names without a location are distinct tests while the suite declares them all`() throws {
    let xml = """
      <testsuite name="each" tests="2"><testcase classname="price" name="rounds"/>\
      <testcase classname="price" name="rounds"><failure message="no"/></testcase></testsuite>
      """
    guard case .parsed(let report) = JUnitReport.parse(Data(xml.utf8), path: "x.xml") else {
      Issue.record("did not parse")
      return
    }
    #expect(report.tests.map(\.outcome) == [.passed, .failed])
  }

  @Test func `repeated names listed beyond the declared count are attempts of one test`() throws {
    let xml = """
      <testsuite name="each" tests="1"><testcase classname="price" name="rounds"><failure message="no"/></testcase>\
      <testcase classname="price" name="rounds"/></testsuite>
      """
    guard case .parsed(let report) = JUnitReport.parse(Data(xml.utf8), path: "x.xml") else {
      Issue.record("did not parse")
      return
    }
    #expect(report.tests.map(\.outcome) == [.passed])
    #expect(report.tests.map(\.flaky) == [true])
  }

  @Test(arguments: ["latin1.xml", "utf16.xml"])
  func `the XML declaration's ISO-8859-1 and a UTF-16 byte-order mark are decoded`(name: String) throws {
    let results = try merged([name])
    #expect(results.counts == TestCounts(passed: 1, failed: 1))
    #expect(results.failures.first?.message == "Größe stimmt nicht: erwartet 42, war 41")
  }

  @Test func `a UTF-8 byte-order mark before JSON is no obstacle`() throws {
    let data = Data([0xEF, 0xBB, 0xBF]) + (try Fixture.data("merge-login.json"))
    guard case .parsed(let report) = MochawesomeReport.parse(data, path: "bom.json") else {
      Issue.record("did not parse")
      return
    }
    #expect(report.tests.count == 3)
  }

  @Test func `reports state when they ran: mochawesome's stats, JUnit's timestamp plus time`() throws {
    let mochawesome = try merged(["merge-login.json", "merge-search.json"])
    #expect(mochawesome.startedAt == ReportTimestamp.parse("2024-05-02T10:00:00.000Z"))
    #expect(mochawesome.endedAt == ReportTimestamp.parse("2024-05-02T10:00:09.200Z"))
    let pytest = try merged(["pytest-rerunfailures.xml"])
    let start = try #require(ReportTimestamp.parse("2026-11-20T13:02:11.503861Z"))
    #expect(abs((pytest.startedAt ?? .distantPast).timeIntervalSince(start)) < 0.001)
    #expect(abs((pytest.endedAt ?? .distantPast).timeIntervalSince(start) - 3.412) < 0.001)
  }

  @Test(
    arguments: [
      ("2024-05-02T10:15:30Z", 1_714_644_930.0), ("2024-05-02T10:15:30.250Z", 1_714_644_930.25),
      ("2024-05-02T12:15:30+02:00", 1_714_644_930.0), ("2024-05-02 10:15:30", 1_714_644_930.0),
      ("2024-05-02T10:15:30.5", 1_714_644_930.5),
    ])
  func `timestamps as reporters and logs write them`(text: String, seconds: Double) {
    #expect(ReportTimestamp.parse(text)?.timeIntervalSince1970 == seconds)
  }

  @Test(arguments: ["", "yesterday", "2024-13-02T10:15:30Z", "2024-05-02T10:15"])
  func `what is not a timestamp is none`(text: String) {
    #expect(ReportTimestamp.parse(text) == nil)
  }

  @Test func `--started-at takes RFC 3339, Unix seconds and Jenkins' milliseconds`() {
    #expect(StartTime.parse("1714644930")?.timeIntervalSince1970 == 1_714_644_930)
    #expect(StartTime.parse("1714644930123")?.timeIntervalSince1970 == 1_714_644_930.123)
    #expect(StartTime.parse("2024-05-02T10:15:30Z")?.timeIntervalSince1970 == 1_714_644_930)
    #expect(StartTime.parse("soon") == nil)
  }

  @Test func `a spec list is covered by named specs and by as many unnamed empty specs`() {
    let expected = ["a.cy.js", "b.cy.js", "c.cy.js"]
    #expect(SpecCoverage.of(expected: expected, reported: ["a.cy.js", "b.cy.js"], anonymous: 0).missing == ["c.cy.js"])
    #expect(SpecCoverage.of(expected: expected, reported: ["a.cy.js", "b.cy.js"], anonymous: 1).missing.isEmpty)
    #expect(
      SpecCoverage.of(expected: expected, reported: expected.reduce(into: []) { $0.insert($1) }, anonymous: 0).missing
        .isEmpty)
  }

  @Test func `the run's start: flag, then marker, then runner, then first sight; only evidence sets files aside`() {
    let first = Date(timeIntervalSince1970: 1_000)
    let early = Date(timeIntervalSince1970: 500)
    #expect(RunStart.resolve(flag: early, marker: first, runner: first, firstSeen: first).source == .flag)
    #expect(RunStart.resolve(flag: nil, marker: early, runner: first, firstSeen: first).source == .marker)
    #expect(RunStart.resolve(flag: nil, marker: nil, runner: early, firstSeen: first).source == .runner)
    let sight = RunStart.resolve(flag: nil, marker: nil, runner: nil, firstSeen: first)
    #expect(sight.source == .firstSight)
    #expect(!sight.setsAside(modifiedAt: early, pattern: "cypress/results/*.json"))
    let runner = RunStart(date: first, source: .runner)
    #expect(runner.setsAside(modifiedAt: early, pattern: "cypress/results/*.json"))
    #expect(!runner.setsAside(modifiedAt: early, pattern: "results/{run}/*.json"), "{run} tells builds apart")
    #expect(!runner.setsAside(modifiedAt: first, pattern: "cypress/results/*.json"))
    let alive = [RunnerProcess(pid: 1, commandLine: "x", startedAt: early)]
    #expect(RunStart.oldestRunner(recorded: first, alive: alive) == early)
  }
}

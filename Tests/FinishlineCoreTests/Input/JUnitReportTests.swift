import Foundation
import Testing

@testable import FinishlineCore

@Suite("JUnit reports")
struct JUnitReportTests {
  private func counts(_ report: ParsedReport) -> TestCounts {
    var counts = TestCounts()
    report.tests.forEach { counts.count($0) }
    return counts
  }

  @Test func `mocha-junit-reporter: the Root Suite's file is the spec of the suites after it`() throws {
    let report = try Fixture.report("cypress-login.xml")

    #expect(report.format == .junit)
    #expect(
      report.tests.map(\.fullTitle) == [
        "Login shows the form",
        "Login rejects a bad password",
        "Login remembers the user",
      ])
    #expect(report.tests.allSatisfy { $0.spec == "cypress/e2e/login.cy.js" })
    #expect(report.tests.map(\.outcome) == [.passed, .failed, .skipped])
    #expect(report.tests.map(\.durationMs) == [512, 4120, 0])
    #expect(report.failedHooks.map(\.title) == [#"Login as admin "before each" hook for "opens the dashboard""#])
    #expect(report.durationMs == 18663)
    #expect(report.declaredCounts == nil)
  }

  @Test func `a failure's message is its message attribute, entities decoded`() throws {
    let report = try Fixture.report("cypress-login.xml")

    #expect(
      report.tests[1].failureMessage
        == "Timed out retrying after 4000ms: expected '<div.error>' to contain 'Invalid password'")
    #expect(
      report.failedHooks.first?.message
        == "`cy.request()` failed trying to load:\n\nhttp://vm-03.lab:8080/api/session")
  }

  @Test func `jest-junit: the spec comes from the testcase's file and the message from the text`() throws {
    let report = try Fixture.report("jest-junit.xml")

    #expect(counts(report) == TestCounts(passed: 3, failed: 1, skipped: 1))
    #expect(
      report.tests.map(\.spec) == Array(repeating: "src/cart.test.js", count: 4)
        + ["src/price.test.js"])
    #expect(
      report.tests[1].failureMessage
        == "Error: expect(received).toBe(expected) // Object.is equality\n\nExpected: 90\n"
        + "Received: 100")
    #expect(report.durationMs == 2317)
  }

  @Test func `pytest: failures and errors both fail, skips are skipped, no spec is invented`() throws {
    let report = try Fixture.report("pytest.xml")

    #expect(counts(report) == TestCounts(passed: 2, failed: 2, skipped: 1))
    #expect(report.tests.allSatisfy { $0.spec == nil })
    #expect(report.tests.map(\.fullTitle).first == "test_health")
    #expect(
      report.tests[1].failureMessage
        == "AssertionError: assert 401 == 403\n +  where 401 = <Response [401]>.status_code")
    #expect(
      report.tests[3].failureMessage
        == #"failed on setup with "psycopg2.OperationalError: could not connect to server: "#
        + #"Connection refused""#)
  }

  @Test func `surefire: a bare testsuite root, flaky failures pass, odd times still read`() throws {
    let report = try Fixture.report("surefire.xml")

    #expect(counts(report) == TestCounts(passed: 2, failed: 2, skipped: 1, flaky: 1))
    #expect(report.tests.map(\.outcome) == [.passed, .failed, .failed, .skipped, .passed])
    #expect(report.tests.map(\.flaky) == [false, false, false, false, true])
    #expect(report.tests[1].failureMessage == "expected:<90> but was:<100>")
    #expect(report.tests[2].failureMessage == "java.net.SocketTimeoutException: Read timed out")
    #expect(report.tests[2].durationMs == 1_200_004)
    #expect(report.durationMs == 1_204_311)
  }

  @Test func `nested testsuites: a test's spec is the nearest enclosing suite's file`() throws {
    let report = try Fixture.report("nested-testsuites.xml")

    #expect(counts(report) == TestCounts(passed: 3, failed: 1))
    #expect(report.tests.allSatisfy { $0.spec == "/app/tests/CartTest.php" })
    #expect(
      report.tests.map(\.fullTitle) == [
        "testAddsItems", "testRoundsTotals with data set #0", "testRoundsTotals with data set #1",
        "testEmptiesCart",
      ])
    #expect(
      report.tests[2].failureMessage
        == "App\\Tests\\CartTest::testRoundsTotals with data set #1 (10.005, 10.01)\n"
        + "Failed asserting that 10.0 matches expected 10.01.\n\n/app/tests/CartTest.php:33")
    #expect(report.declaredCounts == nil)
  }

  @Test(arguments: ["declared-counts-only.xml", "declared-counts-per-suite.xml"])
  func `a file without test cases is counted from the outermost declared counts`(name: String) throws {
    let report = try Fixture.report(name)

    #expect(report.tests.isEmpty)
    #expect(report.declaredCounts == TestCounts(passed: 6, failed: 3, skipped: 3))
    #expect(report.durationMs == 61500)
  }

  @Test(
    arguments: [
      (#"<testsuite tests="1" failures="3"/>"#, TestCounts(failed: 3)),
      (
        #"<testsuite tests="4" failures="x" errors="-2" skipped="1"/>"#,
        TestCounts(passed: 3, skipped: 1)
      ),
      (
        #"<testsuite tests="99999999999999999999" failures="1"/>"#, nil
      ),
      (#"<testsuites><testsuite name="empty"/></testsuites>"#, nil),
    ])
  func `declared counts are never negative and ignore what is not a number`(xml: String, expected: TestCounts?) {
    let result = JUnitReport.parse(Data(xml.utf8), path: "x.xml")

    #expect(result == .parsed(ParsedReport(format: .junit, tests: [], declaredCounts: expected)))
  }

  @Test(
    arguments: [
      (
        "truncated.xml",
        "truncated.xml: truncated XML at line 18: ends inside <failure> opened at line 18"
      ),
      ("<testsuite><testcase>", "x.xml: truncated XML"),
    ])
  func `unreadable files say why, naming the path`(name: String, reason: String) throws {
    let data = name.hasPrefix("<") ? Data(name.utf8) : try Fixture.data(name)
    let result = JUnitReport.parse(data, path: name.hasPrefix("<") ? "x.xml" : name)

    guard case .unreadable(let actual) = result else {
      Issue.record("expected \(name) to be unreadable, got \(result)")
      return
    }
    #expect(actual.hasPrefix(reason), "\(actual)")
  }

  @Test(
    arguments: [
      (
        "checkstyle.xml",
        "checkstyle.xml: not a JUnit report: the root element is <checkstyle>, not <testsuites> or <testsuite>"
      ),
      ("cypress-login.json", "cypress-login.json: not a JUnit report: it does not start with `<`"),
      ("pom.xml", "pom.xml: not a JUnit report: the root element is <project>"),
    ])
  func `files that are no JUnit report are ignored, saying why`(name: String, reason: String) throws {
    let result = JUnitReport.parse(try Fixture.data(name), path: name)

    guard case .notAReport(let actual) = result else {
      Issue.record("expected \(name) to be ignored as no report, got \(result)")
      return
    }
    #expect(actual.hasPrefix(reason), "\(actual)")
  }

  @Test func `deeply nested suites do not exhaust the stack`() {
    let depth = 100_000
    let xml =
      String(repeating: "<testsuite>", count: depth) + #"<testcase name="deep"/>"#
      + String(repeating: "</testsuite>", count: depth)

    let result = JUnitReport.parse(Data(xml.utf8), path: "deep.xml")

    #expect(
      result
        == .parsed(
          ParsedReport(
            format: .junit,
            tests: [TestResult(spec: nil, fullTitle: "deep", outcome: .passed)])))
  }

  @Test func `an empty file is truncated: the reporter has not written it yet`() {
    #expect(
      JUnitReport.parse(Data(), path: "x.xml")
        == .unreadable(reason: "x.xml: truncated XML at line 1: no root element"))
  }

  @Test func `a report cut anywhere before its end is truncated`() throws {
    let data = try Fixture.data("jest-junit.xml")
    let end = try #require(data.lastIndex(of: UInt8(ascii: ">")))

    for length in 0..<end {
      guard case .unreadable(let reason) = JUnitReport.parse(data.prefix(length), path: "p")
      else {
        Issue.record("prefix of \(length) bytes parsed")
        continue
      }
      #expect(reason.hasPrefix("p: truncated XML at line "), "\(reason)")
    }
  }

  @Test func `Playwright's JUnit failures are read from the element's text, and its root time is the run's`() throws {
    let report = try Fixture.report("playwright-junit.xml")
    let results = ResultMerge.merge(machine: "vm-1", reports: [report])

    #expect(results.counts == TestCounts(passed: 6, failed: 2, skipped: 2))
    #expect(
      results.failures.map(\.message) == [
        "Test timeout of 30000ms exceeded.\n\nError: locator.fill: Test timeout of 30000ms exceeded.",
        "Error: expect(locator).toHaveText(expected) failed\n\nLocator: getByTestId('cart-count')\n"
          + "Expected: \"1\"\nReceived: \"0\"\nTimeout: 5000ms",
      ])
    let start = try #require(report.startedAt)
    let end = try #require(report.endedAt)
    #expect(abs(end.timeIntervalSince(start) - 41.900123) < 0.001)
  }

  @Test(arguments: [
    ("cart.spec.ts:14:7 adds an item to the cart", "Cart › adds an item to the cart", true),
    ("tests/cart.spec.ts:14:7 adds an item", "adds an item", true),
    ("cart.spec.ts:14:7 adds an item", "removes an item", false),
    ("expected 1 to equal 2", "adds an item", false),
    ("cart.spec.ts:x:7 adds an item", "adds an item", false),
  ])
  func `a failure message of only location and title is told from an assertion`(
    message: String, name: String, isLocation: Bool
  ) {
    #expect(PlaywrightFailureText.isLocationAndTitle(message, testName: name) == isLocation)
  }

  @Test func `a merged JUnit file beside its parts counts each test once, and its parts alone count whole`() throws {
    let merged = try Fixture.report("jrm-merged.xml")
    let login = try Fixture.report("cypress-login.xml")
    let search = try Fixture.report("cypress-search.xml")
    let alone = ResultMerge.merge(machine: "vm-1", reports: [login, search])
    let beside = ResultMerge.merge(machine: "vm-1", reports: [login, merged, search])

    #expect(alone.counts == TestCounts(passed: 3, failed: 1, skipped: 1))
    #expect(beside.counts == alone.counts)
    #expect(beside.failedHooks.count == 1)
    #expect(ResultMerge.merge(machine: "vm-1", reports: [merged, merged]).counts == alone.counts)
  }

  @Test func `two JUnit files that share a title but not an outcome are two tests, not parts of one another`() throws {
    let passed = Data(#"<testsuite name="a" tests="1"><testcase classname="Login" name="works"/></testsuite>"#.utf8)
    let failed = Data(
      (#"<testsuite name="b" tests="2"><testcase classname="Login" name="works"><failure message="no"/></testcase>"#
        + #"<testcase classname="Login" name="other"/></testsuite>"#).utf8)
    let reports = try [passed, failed].map { data in
      guard case .parsed(let report) = JUnitReport.parse(data, path: "x.xml") else {
        throw Fixture.Problem(description: "unread")
      }
      return report
    }
    #expect(ResultMerge.merge(machine: "vm-1", reports: reports).counts == TestCounts(passed: 2, failed: 1))
  }
}

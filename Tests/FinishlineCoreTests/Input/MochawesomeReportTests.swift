import Foundation
import Testing

@testable import FinishlineCore

@Suite("Mochawesome reports")
struct MochawesomeReportTests {
  @Test func `a Cypress single-spec report yields every test with its spec and full title`() throws {
    let report = try Fixture.report("cypress-login.json")

    #expect(report.format == .mochawesome)
    #expect(
      report.tests.map(\.fullTitle) == [
        "Login shows the form",
        "Login rejects a bad password",
        "Login remembers the user",
        "Login as admin opens the dashboard",
        "Login as admin edits a user",
      ])
    #expect(report.tests.allSatisfy { $0.spec == "cypress/e2e/login.cy.js" })
    #expect(report.tests.map(\.durationMs) == [512, 4120, 0, 0, 0])
    #expect(report.durationMs == 18663)
    #expect(report.declaredCounts == nil)
  }

  @Test func `outcomes follow the tests' states; a failed hook is a hook failure, not a test`() throws {
    let report = try Fixture.report("cypress-login.json")

    #expect(report.tests.map(\.outcome) == [.passed, .failed, .pending, .skipped, .skipped])
    #expect(report.failedHooks.map(\.title) == [#"Login as admin "before each" hook for "opens the dashboard""#])
    #expect(report.failedHooks.first?.skippedTests == 2)
    #expect(report.failedHooks.first?.spec == "cypress/e2e/login.cy.js")
  }

  @Test func `a failure's message is err.message without stack frames`() throws {
    let report = try Fixture.report("cypress-login.json")

    #expect(
      report.tests[1].failureMessage
        == "AssertionError: Timed out retrying after 4000ms: expected '<div.error>' to contain "
        + "'Invalid password'")
    #expect(
      report.failedHooks.first?.message
        == """
        CypressError: `cy.request()` failed trying to load:

        http://vm-03.lab:8080/api/session

        We attempted to make an http request to this URL but the request failed without a \
        response.
        """)
    #expect(report.tests.filter { $0.outcome != .failed }.allSatisfy { $0.failureMessage == nil })
  }

  @Test func `a merged report reads every spec, nested suites and failed after-all hooks`() throws {
    let report = try Fixture.report("merged.json")
    var counts = TestCounts()
    report.tests.forEach { counts.count($0) }

    #expect(counts == TestCounts(passed: 4, failed: 1, pending: 1, skipped: 0))
    #expect(report.failedHooks.map(\.title) == [#"Cart "after all" hook: clear the cart"#])
    #expect(
      report.tests.map(\.fullTitle) == [
        "Cart adds an item",
        "Cart applies a coupon",
        "Cart checkout pays by card",
        "Cart checkout pays by invoice",
        "Search finds a product",
        "Search shows no results",
      ])
    #expect(report.durationMs == 14210)
  }

  @Test func `the spec is the suite's file, falling back to fullFile`() throws {
    let report = try Fixture.report("merged.json")

    #expect(
      report.tests.map(\.spec) == Array(repeating: "cypress/e2e/cart.cy.js", count: 4)
        + Array(repeating: "/root/cdc-e2e-cyp-12.17.4/cypress/e2e/search.cy.js", count: 2))
  }

  @Test func `the first lines of err.estack are the message when err.message is empty`() throws {
    let report = try Fixture.report("merged.json")
    let coupon = try #require(report.tests.first { $0.fullTitle == "Cart applies a coupon" })

    #expect(
      coupon.failureMessage
        == "AssertionError: Timed out retrying after 4000ms: expected '<span.total>' to have "
        + "text '$90.00', but the text was '$100.00'")
  }

  @Test func `the mochawesome 3 shape with one root 'suites' object is read`() throws {
    let report = try Fixture.report("mochawesome-3-shape.json")

    #expect(report.tests.map(\.outcome) == [.passed, .failed])
    #expect(report.tests.allSatisfy { $0.spec == "/test/profile.spec.js" })
    #expect(report.durationMs == 1250)
  }

  @Test func `a test without fullTitle is titled by its suites' titles and its own`() throws {
    let report = try Fixture.report("mochawesome-3-shape.json")

    #expect(report.tests[1].fullTitle == "Profile avatar uploads a picture")
    #expect(
      report.tests[1].failureMessage
        == "Error: ENOENT: no such file or directory, open 'fixtures/ada.png'")
  }

  @Test func `two tests sharing a title both count`() throws {
    let report = try Fixture.report("duplicate-titles.json")

    #expect(
      report.tests.map(\.fullTitle) == [
        "Search finds a product", "Search finds a product", "Search shows no results",
      ])
    #expect(report.tests.map(\.outcome) == [.passed, .failed, .passed])
  }

  @Test(
    arguments: [
      ("state passed", TestOutcome.passed),
      ("state failed", .failed),
      ("state pending", .pending),
      ("state skipped", .skipped),
      ("null state, skipped", .skipped),
      ("null state, pending", .pending),
      ("no state, fail flag", .failed),
      ("no state, pass flag", .passed),
      ("null state, no flags", .skipped),
      ("unknown state, pending", .pending),
    ])
  func `state and flags map to an outcome`(title: String, expected: TestOutcome) throws {
    let report = try Fixture.report("mochawesome-states.json")
    let test = try #require(report.tests.first { $0.fullTitle == "States \(title)" })

    #expect(test.outcome == expected)
  }

  @Test func `odd scalar fields cost the field, not the report`() throws {
    let report = try Fixture.report("mochawesome-states.json")

    #expect(report.tests.count == 10)
    #expect(report.tests.last?.durationMs == nil)
    #expect(report.tests[6].failureMessage == "Error: flagged")
  }

  @Test(
    arguments: [
      ("truncated.json", "truncated.json: truncated JSON: ends inside a string at line 73")
    ])
  func `unreadable files say why, naming the path`(name: String, reason: String) throws {
    let result = MochawesomeReport.parse(try Fixture.data(name), path: name)

    guard case .unreadable(let actual) = result else {
      Issue.record("expected \(name) to be unreadable, got \(result)")
      return
    }
    #expect(actual.hasPrefix(reason))
  }

  @Test(
    arguments: [
      ("mocha-json-reporter.json", "mocha-json-reporter.json: not a mochawesome report: no `results` or `suites`"),
      ("checkstyle.xml", "checkstyle.xml: not a mochawesome report: it starts with `<`"),
      ("cypress-fixture-example.json", "cypress-fixture-example.json: not a mochawesome report: no `results`"),
      ("package.json", "package.json: not a mochawesome report: no `results` or `suites`"),
    ])
  func `files that are no mochawesome report are ignored, saying why`(name: String, reason: String) throws {
    let result = MochawesomeReport.parse(try Fixture.data(name), path: name)

    guard case .notAReport(let actual) = result else {
      Issue.record("expected \(name) to be ignored as no report, got \(result)")
      return
    }
    #expect(actual.hasPrefix(reason), "\(actual)")
  }

  @Test(
    arguments: [
      ("[1, 2]", "x.json: not a mochawesome report: the top level is not an object"),
      (#"{"stats": {}}"#, "x.json: not a mochawesome report: no `results` or `suites`"),
      (#""results""#, "x.json: not a mochawesome report: the top level is not an object"),
    ])
  func `valid JSON of another shape is no report`(json: String, reason: String) {
    #expect(MochawesomeReport.parse(Data(json.utf8), path: "x.json") == .notAReport(reason: reason))
  }

  @Test(
    arguments: [
      ("", "x.json: empty file"),
      ("  \n", "x.json: empty file"),
      (#"{"results": "none"}"#, "x.json: not a mochawesome report: at `results`"),
      (#"{"results": [{"tests": 3}]}"#, "x.json: not a mochawesome report: at `results[0].tests`"),
      (#"{"suites": 7}"#, "x.json: not a mochawesome report: at `suites`"),
      (#"{"results": [}"#, "x.json: invalid JSON at line 1: `}` does not close the `[`"),
      ("{\n\"results\": []\n}\n{", "x.json: invalid JSON at line 4: more content after the end"),
      (#"{"results": [] "stats": {}}"#, "x.json: invalid JSON: syntax error"),
      ("{\"results\": [\n{\"title\": \"a\"", "x.json: truncated JSON: ends at line 2 with 3"),
      (
        "{\"results\": " + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}",
        "x.json: JSON nested 601 levels deep; the decoder accepts at most 512"
      ),
    ])
  func `malformed or foreign JSON is unreadable with a precise reason`(json: String, reason: String) {
    let result = MochawesomeReport.parse(Data(json.utf8), path: "x.json")

    guard case .unreadable(let actual) = result else {
      Issue.record("expected unreadable, got \(result)")
      return
    }
    #expect(actual.hasPrefix(reason), "\(actual)")
  }

  @Test func `a report cut anywhere before its end is truncated, never misread`() throws {
    let data = try Fixture.data("cypress-login.json")
    let end = try #require(data.lastIndex(of: UInt8(ascii: "}")))

    for length in stride(from: 0, to: end, by: 41) {
      let result = MochawesomeReport.parse(data.prefix(length), path: "p.json")
      guard case .unreadable(let reason) = result else {
        Issue.record("prefix of \(length) bytes parsed")
        continue
      }
      #expect(reason.contains("truncated JSON") || reason.contains("empty file"), "\(reason)")
    }
  }

  @Test func `corrupted bytes never crash the parser`() throws {
    let original = [UInt8](try Fixture.data("merged.json"))
    var generator = SplitMix64(seed: 42)

    for _ in 0..<300 {
      var bytes = original
      for _ in 0..<4 {
        let index = Int(generator.next() % UInt64(bytes.count))
        bytes[index] = UInt8(truncatingIfNeeded: generator.next())
      }
      switch MochawesomeReport.parse(Data(bytes), path: "fuzz.json") {
      case .parsed(let report):
        #expect(report.tests.count <= 40, "no test is invented")
      case .unreadable(let reason), .notAReport(let reason):
        #expect(reason.hasPrefix("fuzz.json: "), "every reason names the file: \(reason)")
      }
    }
  }
}

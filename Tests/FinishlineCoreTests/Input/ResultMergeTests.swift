import Testing

@testable import FinishlineCore

@Suite("Merging a machine's results")
struct ResultMergeTests {
  private func merge(_ fixtures: [String]) throws -> MachineResults {
    ResultMerge.merge(machine: "vm-03", reports: try fixtures.map(Fixture.report))
  }

  @Test func `a test reported by both formats counts once`() throws {
    let results = try merge(["cypress-login.json", "cypress-login.xml"])

    #expect(results.counts == TestCounts(passed: 1, failed: 1, pending: 1, skipped: 2))
    #expect(results.failures.map(\.title) == ["Login rejects a bad password"])
    #expect(results.failedHooks.map(\.title) == [#"Login as admin "before each" hook for "opens the dashboard""#])
    #expect(results.durationMs == 18663)
  }

  @Test func `where both formats report a failure, mochawesome's message wins`() throws {
    let results = try merge(["cypress-login.xml", "cypress-login.json"])

    #expect(
      results.failures.first
        == TestFailure(
          machine: "vm-03", spec: "cypress/e2e/login.cy.js", classname: "rejects a bad password",
          title: "Login rejects a bad password",
          message: "AssertionError: Timed out retrying after 4000ms: expected '<div.error>' to "
            + "contain 'Invalid password'"))
  }

  @Test func `within one report every test case counts, even when two share a title`() throws {
    #expect(try merge(["duplicate-titles.json"]).counts == TestCounts(passed: 2, failed: 1))
    #expect(try merge(["duplicate-titles.xml"]).counts == TestCounts(passed: 2, failed: 1))
  }

  @Test func `shared titles pair in order across formats, and relative and absolute specs match`() throws {
    let results = try merge(["duplicate-titles.json", "duplicate-titles.xml"])

    #expect(results.counts == TestCounts(passed: 2, failed: 1))
    #expect(results.failures.count == 1)
  }

  @Test func `a JUnit file with only declared counts adds them`() throws {
    let results = try merge(["merged.json", "declared-counts-only.xml"])

    #expect(results.counts == TestCounts(passed: 4 + 6, failed: 1 + 3, pending: 1, skipped: 3))
    #expect(results.durationMs == 14210)
  }

  @Test func `without a mochawesome duration the JUnit durations are summed`() throws {
    let results = try merge(["jest-junit.xml", "pytest.xml"])

    #expect(results.durationMs == 3162)
    #expect(results.counts == TestCounts(passed: 5, failed: 3, skipped: 2))
  }

  @Test func `failures carry the machine, spec and message; a missing message says so`() throws {
    let results = try merge(["nested-testsuites.xml", "surefire.xml"])

    #expect(results.failures.map(\.machine) == ["vm-03", "vm-03", "vm-03"])
    #expect(results.failures.map(\.spec) == ["/app/tests/CartTest.php", nil, nil])
    #expect(results.failures[1].message == "expected:<90> but was:<100>")

    let silent = ResultMerge.merge(
      machine: "vm-09", reports: [report(.junit, [test("a.cy.js", "T", .failed)])])
    #expect(
      silent.failures == [
        TestFailure(machine: "vm-09", spec: "a.cy.js", title: "T", message: "(no message)")
      ])
  }

  @Test func `no reports, no results`() {
    #expect(ResultMerge.merge(machine: "vm-01", reports: []) == MachineResults())
  }

  /// One case of the pairing rule: what each format reports, and the total that must result.
  struct PairingCase: CustomTestStringConvertible, Sendable {
    var name: String
    var mochawesome: [TestResult]
    var junit: [TestResult]
    var expected: TestCounts
    var testDescription: String { name }
  }

  @Test(
    arguments: [
      PairingCase(
        name: "same spec and title", mochawesome: [test("a.cy.js", "T", .passed)],
        junit: [test("a.cy.js", "T", .passed)], expected: TestCounts(passed: 1)),
      PairingCase(
        name: "the spec compares by file name", mochawesome: [test("cypress/e2e/a.cy.js", "T")],
        junit: [test("/root/x/cypress/e2e/a.cy.js", "T")], expected: TestCounts(passed: 1)),
      PairingCase(
        name: "different specs are different tests", mochawesome: [test("a.cy.js", "T")],
        junit: [test("b.cy.js", "T")], expected: TestCounts(passed: 2)),
      PairingCase(
        name: "different titles are different tests", mochawesome: [test("a.cy.js", "T")],
        junit: [test("a.cy.js", "U")], expected: TestCounts(passed: 2)),
      PairingCase(
        name: "JUnit without a spec matches on title", mochawesome: [test("a.cy.js", "T")],
        junit: [test(nil, "T")], expected: TestCounts(passed: 1)),
      PairingCase(
        name: "mochawesome without a spec matches on title", mochawesome: [test(nil, "T")],
        junit: [test("a.cy.js", "T")], expected: TestCounts(passed: 1)),
      PairingCase(
        name: "two in mochawesome, one in JUnit",
        mochawesome: [test("a.cy.js", "T"), test("a.cy.js", "T", .failed)],
        junit: [test("a.cy.js", "T")], expected: TestCounts(passed: 1, failed: 1)),
      PairingCase(
        name: "one in mochawesome, three in JUnit", mochawesome: [test("a.cy.js", "T")],
        junit: [test("a.cy.js", "T"), test("a.cy.js", "T", .failed), test(nil, "T", .skipped)],
        expected: TestCounts(passed: 1, failed: 1, skipped: 1)),
      PairingCase(
        name: "an exact match is preferred to a title-only one",
        mochawesome: [test(nil, "T", .failed), test("a.cy.js", "T", .passed)],
        junit: [test("a.cy.js", "T", .skipped), test("b.cy.js", "T", .pending)],
        expected: TestCounts(passed: 1, failed: 1)),
      PairingCase(
        name: "the same title in two specs pairs with spec-less JUnit in order",
        mochawesome: [test("a.cy.js", "T"), test("b.cy.js", "T", .failed)],
        junit: [test(nil, "T", .skipped), test(nil, "T", .skipped), test(nil, "T", .skipped)],
        expected: TestCounts(passed: 1, failed: 1, skipped: 1)),
      PairingCase(
        name: "mochawesome's outcome wins", mochawesome: [test("a.cy.js", "T", .pending)],
        junit: [test("a.cy.js", "T", .skipped)], expected: TestCounts(pending: 1)),
    ])
  func `tests pair by spec file and title; each key counts max(n, m) times`(_ testCase: PairingCase) {
    let results = ResultMerge.merge(
      machine: "vm-01",
      reports: [report(.mochawesome, testCase.mochawesome), report(.junit, testCase.junit)])

    #expect(results.counts == testCase.expected)
  }

  @Test func `a paired failure keeps JUnit's message and spec when mochawesome has none`() {
    let results = ResultMerge.merge(
      machine: "vm-01",
      reports: [
        report(.mochawesome, [test(nil, "T", .failed)]),
        report(.junit, [test("a.cy.js", "T", .failed, message: "Error: from JUnit")]),
      ])

    #expect(
      results.failures == [
        TestFailure(machine: "vm-01", spec: "a.cy.js", title: "T", message: "Error: from JUnit")
      ])
  }
}

private func test(
  _ spec: String?, _ title: String, _ outcome: TestOutcome = .passed, message: String? = nil
) -> TestResult {
  TestResult(spec: spec, fullTitle: title, outcome: outcome, failureMessage: message)
}

private func report(_ format: ReportFormat, _ tests: [TestResult]) -> ParsedReport {
  ParsedReport(format: format, tests: tests)
}

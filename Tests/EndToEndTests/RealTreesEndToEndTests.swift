import Foundation
import TestSupport
import Testing

/// The trees Cypress and JUnit users really have (issue "Right on the trees real users have"),
/// through the built binary: reused workspaces, empty specs, stray files, merged reports,
/// reruns, disabled tests, hooks, zero tests, crashes without markers, encodings.
@Suite("real users' trees, end to end", .timeLimit(.minutes(3)))
struct RealTreesEndToEndTests {
  /// A workspace with its own tree, a sink and the binary.
  struct Setup {
    let workspace: Workspace
    let sink: WebhookSink
    let binary: FinishlineBinary

    init(run: String, policy: String = "settle = \"1s\"") throws {
      workspace = try Workspace()
      sink = try WebhookSink.start()
      binary = try FinishlineBinary.built()
      try workspace.configure(run: run, policy: policy, webhookURL: sink.url(path: "/hooks/trees"))
    }

    /// `check --json` of `run`, its scope decoded.
    func check(
      _ run: String, _ extra: [String] = [], secondsAhead: Int = 0
    ) throws -> (scope: DecisionRecord.Scope, result: FinishlineBinary.Result) {
      let runner = secondsAhead > 0 ? try FakeClock.ahead(of: binary, by: secondsAhead) : binary
      let result = try runner.run(workspace.check(run, ["--json"] + extra))
      let scope = try #require(try DecisionRecord.of(result).first, "\(result.stdout) \(result.stderr)")
      return (scope, result)
    }
  }

  static let cypress = """
    mochawesome = "cypress/results/*.json"
    runner_match = 'cypress run .*{run} {token}'
    """

  @Test func `a reused workspace with two day old files and a fresh runner is running then posts only the new build`()
    throws
  {
    let setup = try Setup(run: Self.cypress, policy: "settle = \"1m\"")
    defer { setup.sink.stop() }
    let twoDays = 2 * 86_400.0
    try setup.workspace.place("merge-login.json", at: "cypress/results/login.json", secondsAgo: twoDays)
    try setup.workspace.place("merge-search.json", at: "cypress/results/search.json", secondsAgo: twoDays)
    let runner = try setup.workspace.startRunner("BUILD-43")

    let first = try setup.check("BUILD-43")
    #expect(first.scope.state == "RUNNING", "\(first.result.stdout) \(first.result.stderr)")
    #expect(!first.scope.reason.contains("no artifact progress"))

    // The new build writes its login spec and ends; last build's search.json stays behind.
    try setup.workspace.place("merge-login.json", at: "cypress/results/login.json")
    runner.stop()
    let done = try setup.check("BUILD-43")
    #expect(done.scope.state == "FAILED", "\(done.result.stdout) \(done.result.stderr)")
    #expect(
      done.scope.counts.passed == 2 && done.scope.counts.failed == 1, "search.json is last build's")
    let posts = try setup.sink.requests()
    #expect(posts.count == 1)
    #expect(posts.first?.body.contains("1 of 3 tests failed") == true, "\(posts.first?.body ?? "")")
    let later = try setup.check("BUILD-43", secondsAhead: 3_600)
    #expect(later.scope.state == "FAILED", "\(later.result.stdout) \(later.result.stderr)")
    #expect(try setup.sink.requests().count == 1, "posted once, however much later it is checked")
  }

  @Test func `a reused workspace before the runner starts is not posted with last builds results`() throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.place("merge-login.json", at: "cypress/results/login.json", secondsAgo: 86_400)
    let now = String(Int(Date().timeIntervalSince1970))
    for _ in 0..<2 {
      let check = try setup.check("BUILD-44", ["--started-at", now])
      #expect(check.scope.state == "RUNNING", "\(check.result.stdout) \(check.result.stderr)")
    }
    #expect(try setup.sink.requests().isEmpty)
    let explain = try setup.binary.run(
      [
        "explain", "BUILD-44", "--config", setup.workspace.configPath, "--env-file", setup.workspace.envFile,
        "--started-at", now,
      ])
    #expect(explain.stdout.contains("from --started-at"), "\(explain.stdout)")
    #expect(explain.stdout.contains("run.mochawesome  cypress/results/*.json  1        1"), "\(explain.stdout)")
    #expect(explain.stdout.contains("set aside: last modified before the run's start"), "\(explain.stdout)")
  }

  @Test func `a start marker sets aside the earlier builds files`() throws {
    let setup = try Setup(run: Self.cypress + "\nstart_marker = \"cypress/results/.started\"")
    defer { setup.sink.stop() }
    try setup.workspace.place("merge-search.json", at: "cypress/results/search.json", secondsAgo: 7_200)
    try setup.workspace.write(Data(), at: "cypress/results/.started", secondsAgo: 900)
    try setup.workspace.place("merge-login.json", at: "cypress/results/login.json", secondsAgo: 600)
    let check = try setup.check("B-9")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.counts.passed == 2 && check.scope.counts.failed == 1)
  }

  @Test func `a started at that is no time is a usage error`() throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    let result = try setup.binary.run(setup.workspace.check("B-10", ["--started-at", "yesterday"]))
    #expect(result.status == 64)
    #expect(result.stderr.contains("--started-at `yesterday` is neither an RFC 3339 time nor Unix seconds"))
  }

  /// mochawesome 7's `"results": [false]` and mochawesome 3's `"suites": false` are empty
  /// specs, never unreadable files or "not a mochawesome report".
  @Test(arguments: [
    ("merge-login.json", "mochawesome-7-empty-spec.json", 2),
    ("mochawesome-3-shape.json", "mochawesome-3-empty-spec.json", 1),
  ])
  func `an empty spec beside a real one gives the real counts`(real: String, empty: String, passed: Int) throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.place(real, at: "cypress/results/mochawesome.json", secondsAgo: 600)
    try setup.workspace.place(empty, at: "cypress/results/mochawesome_001.json", secondsAgo: 600)
    let check = try setup.check("B-1")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.counts.passed == passed && check.scope.counts.failed == 1)
    let explain = try setup.binary.run([
      "explain", "B-1", "--config", setup.workspace.configPath, "--env-file", setup.workspace.envFile,
    ])
    #expect(!explain.stdout.contains("not a mochawesome report"), "\(explain.stdout)")
    #expect(explain.stdout.contains("2 read, 0 unreadable"), "\(explain.stdout)")
  }

  @Test func `a stray fixture JSON is ignored and named and a merged report beside its specs counts once`() throws {
    let setup = try Setup(
      run: """
        mochawesome = "cypress/**/*.json"
        runner_match = 'cypress run .*{run} {token}'
        """)
    defer { setup.sink.stop() }
    try setup.workspace.place("cypress-fixture-example.json", at: "cypress/fixtures/example.json", secondsAgo: 600)
    try setup.workspace.place("merge-login.json", at: "cypress/results/login.json", secondsAgo: 600)
    try setup.workspace.place("merge-search.json", at: "cypress/results/search.json", secondsAgo: 600)
    try setup.workspace.place(
      "mochawesome-merge-report.json", at: "cypress/results/merged/report.json", secondsAgo: 600)
    let check = try setup.check("B-2")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.counts.passed == 4 && check.scope.counts.failed == 1)
    let explain = try setup.binary.run([
      "explain", "B-2", "--config", setup.workspace.configPath, "--env-file", setup.workspace.envFile,
    ])
    #expect(
      explain.stdout.contains("ignored cypress/fixtures/example.json: not a mochawesome report"), "\(explain.stdout)")
    #expect(try setup.sink.requests().first?.body.contains("1 of 5 tests failed") == true)
  }

  @Test func `reruns are flaky not failed and the message names them`() throws {
    let setup = try Setup(run: "junit = \"reports/*.xml\"\nrunner_match = 'pytest .*{run} {token}'")
    defer { setup.sink.stop() }
    try setup.workspace.place("pytest-rerunfailures.xml", at: "reports/junit.xml", secondsAgo: 600)
    let check = try setup.check("B-3")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.counts == .init(passed: 3, failed: 1, pending: 0, skipped: 0, flaky: 1))
    let body = try setup.sink.requests().first?.body ?? ""
    #expect(body.contains("1 of 4 tests failed"), "\(body)")
    #expect(body.contains("Flaky (passed on retry): test_checkout.py › test_payment_gateway"), "\(body)")
    #expect(body.contains("tests: test_checkout.py › test_refund"), "the failure names its test: \(body)")
  }

  @Test func `disabled tests are skipped even with a failure element`() throws {
    let setup = try Setup(run: "junit = \"Testing/*.xml\"\nrunner_match = 'ctest .*{run} {token}'")
    defer { setup.sink.stop() }
    try setup.workspace.place("ctest-disabled.xml", at: "Testing/results.xml", secondsAgo: 600)
    let check = try setup.check("B-4")
    #expect(check.scope.state == "COMPLETED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.counts.passed == 1 && check.scope.counts.skipped == 3)
    #expect(try setup.sink.requests().first?.body.contains("1 of 4 tests passed") == true)
  }

  @Test func `failed hooks are not tests but fail the run and are named`() throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.place("mochawesome-7-hooks.json", at: "cypress/results/billing.json", secondsAgo: 600)
    let check = try setup.check("B-5")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.counts == .init(passed: 1, failed: 2, pending: 0, skipped: 4, flaky: 0))
    let body = try setup.sink.requests().first?.body ?? ""
    #expect(body.contains("2 of 7 tests failed, 2 hooks failed"), "\(body)")
    #expect(
      body.contains(
        #"Failed hook billing.cy.js › Invoices \"before all\" hook for \"lists invoices\", 3 tests skipped"#), "\(body)"
    )
  }

  /// One JUnit fixture as `reports/junit.xml` of a finished run, checked once: the scope of
  /// `check --json` and the body of the one post it made.
  static func checkJUnit(
    _ fixture: String, build: String, retries: String = "auto"
  ) throws -> (scope: DecisionRecord.Scope, result: FinishlineBinary.Result, body: String) {
    let setup = try Setup(
      run: "junit = \"reports/*.xml\"\nretries = \"\(retries)\"\nrunner_match = 'tests .*{run} {token}'")
    defer { setup.sink.stop() }
    try setup.workspace.place(fixture, at: "reports/junit.xml", secondsAgo: 600)
    let check = try setup.check(build)
    return (check.scope, check.result, try setup.sink.requests().first?.body ?? "")
  }

  /// Issue 21's worst finding: jest-junit with `addFileAttribute` writes the file and never a
  /// line, and two `test.each` cases share a title; the failing case must stay a failure.
  @Test func `jest test each cases with one title are two tests and the failed one fails the run`() throws {
    let (scope, result, body) = try Self.checkJUnit("jest-junit-test-each.xml", build: "B-21")
    #expect(scope.state == "FAILED", "\(result.stdout) \(result.stderr)")
    #expect(scope.counts == .init(passed: 6, failed: 1, pending: 0, skipped: 0, flaky: 0))
    #expect(body.contains("1 of 7 tests failed"), "\(body)")
    #expect(body.contains("price.test.ts › price validation accepts a valid amount"), "\(body)")
    #expect(!body.contains("Flaky"), "\(body)")
  }

  @Test func `gotestsum reruns read by name are flaky and a failure in every run fails`() throws {
    let (scope, result, body) = try Self.checkJUnit("gotestsum-rerun-fails.xml", build: "B-22", retries: "by-name")
    #expect(scope.state == "FAILED", "\(result.stdout) \(result.stderr)")
    #expect(scope.counts == .init(passed: 3, failed: 1, pending: 0, skipped: 0, flaky: 1))
    #expect(body.contains("Flaky (passed on retry): example.com/shop/sync › TestPushOrders"), "\(body)")
  }

  @Test func `a skip followed by a teardown error is a failure not a skip`() throws {
    let (scope, result, body) = try Self.checkJUnit("pytest-skip-then-teardown-error.xml", build: "B-23")
    #expect(scope.state == "FAILED", "\(result.stdout) \(result.stderr)")
    #expect(scope.counts == .init(passed: 2, failed: 1, pending: 0, skipped: 0, flaky: 0))
    #expect(body.contains("cannot close the export session"), "\(body)")
  }

  @Test func `a retried test that passed before it failed is flaky only when the suite counts it passed`() throws {
    let setup = try Setup(run: "junit = \"reports/*.xml\"\nrunner_match = 'pytest .*{run} {token}'")
    defer { setup.sink.stop() }
    func suite(failures: Int) -> Data {
      Data(
        """
        <testsuite name="pytest" tests="2" failures="\(failures)" errors="0"><testcase classname="t" name="test_sync" \
        file="t.py" line="7" time="0.4"/><testcase classname="t" name="test_sync" file="t.py" line="7" time="0.3">\
        <failure message="assert False">assert False</failure></testcase><testcase classname="t" name="test_ok" \
        file="t.py" line="12" time="0.1"/></testsuite>
        """.utf8)
    }
    try setup.workspace.write(suite(failures: 0), at: "reports/junit.xml", secondsAgo: 600)
    let flaky = try setup.check("B-24")
    #expect(flaky.scope.state == "COMPLETED", "\(flaky.result.stdout) \(flaky.result.stderr)")
    #expect(flaky.scope.counts.flaky == 1)
    // pytest-rerunfailures 16.6.1 writes a failed attempt as an empty element: with the tool's
    // own count saying the test failed, the same shape is a failure.
    try setup.workspace.write(suite(failures: 1), at: "reports/junit.xml", secondsAgo: 600)
    let failed = try setup.check("B-25")
    #expect(failed.scope.state == "FAILED", "\(failed.result.stdout) \(failed.result.stderr)")
    #expect(failed.scope.counts.failed == 1 && failed.scope.counts.flaky == 0)
  }

  @Test func `a finished run whose reports list no tests is unknown and not posted`() throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.place("mochawesome-7-empty-spec.json", at: "cypress/results/mochawesome.json", secondsAgo: 600)
    let check = try setup.check("B-6")
    #expect(check.scope.state == "UNKNOWN", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.reason.contains("reports list no tests"))
    #expect(try setup.sink.requests().isEmpty)
  }

  @Test func `a crash after two of three specs is terminated with a spec list and completed without`() throws {
    let specs = "specs = \"cypress/e2e/*.cy.js\""
    let withSpecs = try Setup(run: Self.cypress + "\n" + specs)
    let withoutSpecs = try Setup(run: Self.cypress)
    defer {
      withSpecs.sink.stop()
      withoutSpecs.sink.stop()
    }
    for setup in [withSpecs, withoutSpecs] {
      for spec in ["login", "search", "cart"] {
        try setup.workspace.write(Data("describe('\(spec)', () => {})\n".utf8), at: "cypress/e2e/\(spec).cy.js")
      }
      try setup.workspace.place("merge-login.json", at: "cypress/results/login.json", secondsAgo: 600)
      try setup.workspace.place("merge-search.json", at: "cypress/results/search.json", secondsAgo: 600)
    }
    let crashed = try withSpecs.check("B-7")
    #expect(crashed.scope.state == "TERMINATED", "\(crashed.result.stdout) \(crashed.result.stderr)")
    #expect(crashed.scope.reason.contains("1 of 3 specs never reported (cart.cy.js)"))
    #expect(try withSpecs.sink.requests().isEmpty)
    let blind = try withoutSpecs.check("B-7")
    #expect(blind.scope.state == "FAILED", "without a spec list a crash looks finished")
  }

  @Test func `an ISO-8859-1 report arrives readable`() throws {
    let setup = try Setup(run: "junit = \"target/surefire-reports/*.xml\"\nrunner_match = 'mvn .*{run} {token}'")
    defer { setup.sink.stop() }
    try setup.workspace.place("latin1.xml", at: "target/surefire-reports/TEST-SizeTest.xml", secondsAgo: 600)
    try setup.workspace.place("utf16.xml", at: "target/surefire-reports/TEST-SizeTest16.xml", secondsAgo: 600)
    let check = try setup.check("B-8")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    let body = try setup.sink.requests().first?.body ?? ""
    #expect(body.contains("Größe stimmt nicht"), "\(body)")
    #expect(body.contains("com.example.shop.SizeTest › parsesGroesse"), "\(body)")
  }

  @Test func `the duration is the runs wall time and one test is one test`() throws {
    let setup = try Setup(run: "junit = \"results/*.xml\"\nrunner_match = 'cypress run .*{run} {token}'")
    defer { setup.sink.stop() }
    // mocha-junit-reporter writes one file per spec; the specs ran from 10:00:00 to 10:23:00.
    for (spec, start, seconds) in [("login", "10:00:00", 60.0), ("cart", "10:20:00", 180.0)] {
      let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="Mocha Tests" time="\(seconds)" tests="1" failures="0">
          <testsuite name="Root Suite" timestamp="2026-11-30T\(start)" tests="0" file="cypress/e2e/\(spec).cy.js" time="0"/>
          <testsuite name="\(spec)" timestamp="2026-11-30T\(start)" tests="1" time="\(seconds)" failures="0">
            <testcase name="\(spec) works" time="\(seconds)" classname="works"/>
          </testsuite>
        </testsuites>
        """
      try setup.workspace.write(Data(xml.utf8), at: "results/\(spec).xml", secondsAgo: 600)
    }
    let check = try setup.check("B-11")
    #expect(check.scope.state == "COMPLETED", "\(check.result.stdout) \(check.result.stderr)")
    let body = try setup.sink.requests().first?.body ?? ""
    #expect(body.contains("2 of 2 tests passed** · took 23m"), "wall time, not 4m of summed specs: \(body)")
    #expect(!body.contains("| Machine |"), "one machine needs no machine table: \(body)")
    #expect(!body.contains("Machines:"), "\(body)")

    try setup.workspace.write(
      Data(#"<testsuite name="one" tests="1"><testcase name="only"/></testsuite>"#.utf8), at: "results/login.xml",
      secondsAgo: 600)
    try FileManager.default.removeItem(atPath: setup.workspace.tree + "/results/cart.xml")
    let single = try setup.check("B-12")
    #expect(single.scope.reason.contains("1 test passed"), "\(single.scope)")
    #expect(try setup.sink.requests().last?.body.contains("1 of 1 test passed") == true)
  }

  @Test func `config check warns about patterns without run and about crashes that look finished`() throws {
    let setup = try Setup(run: "mochawesome = \"cypress/results/*.json\"")
    defer { setup.sink.stop() }
    let result = try setup.binary.run(
      ["config", "check", "--config", setup.workspace.configPath, "--env-file", setup.workspace.envFile])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
      result.stderr.contains("warning: run.mochawesome `cypress/results/*.json` has no {run}"), "\(result.stderr)")
    #expect(result.stderr.contains("pass `check --started-at` or set run.start_marker"), "\(result.stderr)")
    #expect(result.stderr.contains("warning: nothing can tell a crash from a finish"), "\(result.stderr)")
    #expect(result.stdout.contains("retries = \"auto\""), "\(result.stdout)")
  }
}

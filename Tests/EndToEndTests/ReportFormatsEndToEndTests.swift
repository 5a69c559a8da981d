import Foundation
import TestSupport
import Testing

/// Report formats beyond mochawesome and JUnit, through the built binary: files under
/// `run.reports` told by their content, and a known format under another format's key.
@Suite("report formats, end to end", .timeLimit(.minutes(3)))
struct ReportFormatsEndToEndTests {
  typealias Setup = RealTreesEndToEndTests.Setup

  func explain(_ setup: Setup, _ run: String) throws -> FinishlineBinary.Result {
    try setup.binary.run([
      "explain", run, "--config", setup.workspace.configPath, "--env-file", setup.workspace.envFile,
    ])
  }

  @Test func `files under run.reports are read as the format their content is, and a stray file is named`() throws {
    let setup = try Setup(
      run: "reports = [\"results/*.json\", \"results/*.xml\"]\nrunner_match = 'tests .*{run} {token}'")
    defer { setup.sink.stop() }
    try setup.workspace.place("ctrf-playwright.json", at: "results/playwright.json", secondsAgo: 600)
    try setup.workspace.place("ctrf-jest.json", at: "results/jest.json", secondsAgo: 600)
    try setup.workspace.place("surefire.xml", at: "results/surefire.xml", secondsAgo: 600)
    try setup.workspace.place("package.json", at: "results/package.json", secondsAgo: 600)

    let check = try setup.check("B-30")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(
      check.scope.counts == .init(passed: 7, failed: 5, pending: 1, skipped: 3, flaky: 2))
    let body = try setup.sink.requests().first?.body ?? ""
    #expect(body.contains("5 of 16 tests failed"), "\(body)")
    #expect(body.contains("expect(locator).toHaveText(expected) failed"), "\(body)")

    let explain = try explain(setup, "B-30")
    #expect(explain.stdout.contains("2 CTRF"), "\(explain.stdout)")
    #expect(explain.stdout.contains("1 JUnit XML"), "\(explain.stdout)")
    #expect(explain.stdout.contains("ignored results/package.json: no supported report format"), "\(explain.stdout)")
  }

  @Test func `a CTRF file under run.mochawesome is read as CTRF, and explain says so`() throws {
    let setup = try Setup(run: RealTreesEndToEndTests.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.place("ctrf-jest.json", at: "cypress/results/unit.json", secondsAgo: 600)

    let check = try setup.check("B-31")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(
      check.scope.counts == .init(passed: 2, failed: 2, pending: 1, skipped: 1, flaky: 0))
    let explain = try explain(setup, "B-31")
    #expect(
      explain.stdout.contains("read cypress/results/unit.json as CTRF, not mochawesome (run.mochawesome)"),
      "\(explain.stdout)")
  }

  /// One example run per format under `examples/formats`, with the counts its own tool states.
  static let examples: [(run: String, counts: DecisionRecord.Counts, says: String)] = [
    ("playwright", .init(passed: 6, failed: 2, skipped: 2, flaky: 1), "Test timeout of 30000ms exceeded."),
    ("ctrf", .init(passed: 3, failed: 1, skipped: 1, flaky: 1), "toHaveText(expected) failed"),
    ("mocha-json", .init(passed: 3, failed: 1, pending: 1, flaky: 1), "90 !== 100"),
    ("trx", .init(passed: 3, failed: 2, skipped: 1), "Assert.AreEqual failed. Expected:<0>. Actual:<1>."),
    ("nunit3", .init(passed: 3, failed: 2, skipped: 2), "the payment form did not load within 30 s"),
    ("nunit2", .init(passed: 3, failed: 2, skipped: 2), "Shop.Tests.CartTests › RemovesItem"),
    ("xunit", .init(passed: 4, failed: 2, skipped: 1), "Assert.Equal() Failure: Values differ"),
    ("jest-junit", .init(passed: 3, failed: 1, skipped: 1), "failed"),
    ("mochawesome", .init(passed: 1, failed: 1, pending: 1, skipped: 2), "failed"),
  ]

  @Test func `every example format's run is read with the counts its tool states, through the example configuration`()
    throws
  {
    let setup = try Setup(run: "")
    defer { setup.sink.stop() }
    let directory = setup.workspace.directory
    try FileManager.default.copyItem(
      at: RepositoryPaths.examples.appendingPathComponent("formats"), to: directory.appendingPathComponent("formats"))
    let config = directory.appendingPathComponent("formats.toml").path
    try FileManager.default.copyItem(
      atPath: RepositoryPaths.examples.appendingPathComponent("formats.toml").path, toPath: config)
    let credentials = try String(contentsOfFile: setup.workspace.envFile, encoding: .utf8)
    try (credentials + "\nMATTERMOST_ATVM_CHANNEL=qa-e2e\n").write(
      toFile: setup.workspace.envFile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: setup.workspace.envFile)
    let folders = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("formats").path)
    #expect(Set(folders.filter { !$0.hasSuffix(".done") }) == Set(Self.examples.map(\.run)))

    for (index, example) in Self.examples.enumerated() {
      let result = try setup.binary.run([
        "check", "--config", config, "--state-dir", setup.workspace.stateDir, "--env-file", setup.workspace.envFile,
        "--run", example.run, "--json",
      ])
      let scope = try #require(try DecisionRecord.of(result).first, "\(result.stdout) \(result.stderr)")
      #expect(scope.state == "FAILED", "\(example.run): \(result.stderr)")
      #expect(scope.counts == example.counts, "\(example.run)")
      let body = try setup.sink.requests().dropFirst(index).first?.body ?? ""
      #expect(body.contains(example.says), "\(example.run): \(body)")
    }
  }

  @Test func `a Playwright JSON report under run.mochawesome is read as Playwright, not as a run without tests`()
    throws
  {
    let setup = try Setup(run: RealTreesEndToEndTests.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.place("playwright.json", at: "cypress/results/results.json", secondsAgo: 600)

    let check = try setup.check("B-32")
    #expect(check.scope.state == "FAILED", "\(check.result.stdout) \(check.result.stderr)")
    #expect(check.scope.counts == .init(passed: 6, failed: 2, skipped: 2, flaky: 1))
    let explain = try explain(setup, "B-32")
    #expect(
      explain.stdout.contains(
        "read cypress/results/results.json as Playwright JSON, not mochawesome (run.mochawesome)"),
      "\(explain.stdout)")
  }

  @Test func `Playwright's JUnit posts the assertion from the failure's text and the run's own wall time`() throws {
    let setup = try Setup(run: "junit = \"results/*.xml\"\nrunner_match = 'tests .*{run} {token}'")
    defer { setup.sink.stop() }
    try setup.workspace.place("playwright-junit.xml", at: "results/junit.xml", secondsAgo: 600)

    let check = try setup.check("B-33")
    #expect(check.scope.counts == .init(passed: 6, failed: 2, skipped: 2), "\(check.result.stderr)")
    let body = try setup.sink.requests().first?.body ?? ""
    #expect(body.contains("Error: locator.fill: Test timeout of 30000ms exceeded."), "\(body)")
    #expect(!body.contains("checkout.spec.ts:20:5 applies a coupon"), "\(body)")
    #expect(body.contains("took 42s"), "\(body)")
  }

  @Test func `a merged JUnit file beside its per-spec parts counts each test once`() throws {
    let setup = try Setup(run: "junit = \"results/*.xml\"\nrunner_match = 'tests .*{run} {token}'")
    defer { setup.sink.stop() }
    try setup.workspace.place("cypress-login.xml", at: "results/login.xml", secondsAgo: 600)
    try setup.workspace.place("cypress-search.xml", at: "results/search.xml", secondsAgo: 600)
    try setup.workspace.place("jrm-merged.xml", at: "results/merged.xml", secondsAgo: 600)

    let check = try setup.check("B-34")
    #expect(check.scope.state == "FAILED", "\(check.result.stderr)")
    #expect(check.scope.counts == .init(passed: 3, failed: 1, skipped: 1), "\(check.result.stderr)")
  }
}

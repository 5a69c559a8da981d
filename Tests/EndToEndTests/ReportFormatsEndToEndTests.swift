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
}

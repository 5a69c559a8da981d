import Foundation
import TestSupport
import Testing

/// Owners from CODEOWNERS (SPEC §8.2) through the built binary: Cypress specs reported by
/// mocha-junit-reporter in several owners' folders, a CODEOWNERS whose patterns overlap, and
/// two nightly runs of one series, posted to Mattermost, Slack and a webhook.
@Suite("owners, end to end", .timeLimit(.minutes(3)))
struct OwnersEndToEndTests {
  static let codeowners = """
    # Shop end-to-end suite
    *                             @shop/qa
    /cypress/e2e/pay/             @shop/payments
    /cypress/e2e/pay/refunds/     @shop/refunds bob@example.com   # refunds moved teams in May
    *.search.cy.js                @shop/search
    /cypress/e2e/legacy/

    """

  static func configuration(sink: WebhookSink) -> String {
    """
    [[notify]]
    name = "slack"
    type = "slack"
    url = "\(sink.url(path: "/hooks/slack"))"
    on = ["failed"]

    [[notify]]
    name = "hook"
    type = "webhook"
    url = "\(sink.url(path: "/hooks/webhook"))"
    on = ["failed"]

    [owners]
    codeowners = "repo"

    [owners.handles]
    "@shop/payments" = "@payments-qa"
    "@SHOP/refunds" = { mattermost = "@refunds", slack = "<!subteam^S0R3FUND>" }
    "bob@example.com" = { mattermost = "@bob", slack = "<@U024BE7LH>" }
    "@shop/qa" = "qa-team"
    """
  }

  /// The specs of the suite, by where they live in the repository.
  static let specs = [
    "checkout": "cypress/e2e/pay/checkout.cy.js", "refund": "cypress/e2e/pay/refunds/refund.cy.js",
    "search": "cypress/e2e/find.search.cy.js", "cart": "cypress/e2e/cart.cy.js",
    "legacy": "cypress/e2e/legacy/old.cy.js",
  ]

  struct Setup {
    let workspace: Workspace
    let sink: WebhookSink
    let binary: FinishlineBinary

    init() throws {
      workspace = try Workspace()
      sink = try WebhookSink.start()
      binary = try FinishlineBinary.built()
      try workspace.configure(
        run: HistoryEndToEndTests.run, on: #"["failed"]"#,
        target: "\n" + OwnersEndToEndTests.configuration(sink: sink),
        webhookURL: sink.url(path: "/hooks/mattermost"))
      let file = workspace.directory.appendingPathComponent("repo/.github/CODEOWNERS")
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try OwnersEndToEndTests.codeowners.write(to: file, atomically: true, encoding: .utf8)
    }

    /// Writes `build`'s results as mocha-junit-reporter writes a Cypress spec's: a root suite
    /// naming the spec file, then the spec's suite with one test, failed for `failing` specs.
    func write(_ build: String, failing: Set<String>) throws {
      for (name, spec) in OwnersEndToEndTests.specs {
        let failed = failing.contains(name)
        let failure =
          failed
          ? "<failure message=\"expected \(name) to work\" type=\"AssertionError\"><![CDATA[AssertionError: "
            + "expected \(name) to work\n    at Context.eval (webpack:///./\(spec):12:8)]]></failure>" : ""
        let xml = """
          <?xml version="1.0" encoding="UTF-8"?>
          <testsuites name="Mocha Tests" time="1.2" tests="1" failures="\(failed ? 1 : 0)">
            <testsuite name="Root Suite" timestamp="2026-12-03T02:00:00" tests="0" file="\(spec)" time="0.0000" failures="0">
            </testsuite>
            <testsuite name="\(name)" timestamp="2026-12-03T02:00:00" tests="1" time="1.2" failures="\(failed ? 1 : 0)">
              <testcase name="\(name) works" time="1.2" classname="works">\(failure)</testcase>
            </testsuite>
          </testsuites>

          """
        try workspace.write(Data(xml.utf8), at: "results/\(build)/results-\(name).xml", secondsAgo: 600)
      }
    }

    func posts(to path: String) throws -> [String] {
      try sink.requests().filter { $0.path == path }.map(\.body)
    }

    func command(_ arguments: [String]) throws -> FinishlineBinary.Result {
      try binary.run(arguments + ["--config", workspace.configPath, "--env-file", workspace.envFile])
    }
  }

  @Test
  func `owners of new failures are mentioned in each chat's syntax, and owners of known failures are not pinged again`()
    throws
  {
    let setup = try Setup()
    defer { setup.sink.stop() }
    try setup.write("nightly-1", failing: ["checkout"])
    #expect(try setup.binary.run(setup.workspace.check("nightly-1")).status == 0)
    let first = try #require(try setup.posts(to: "/hooks/mattermost").first)
    #expect(first.contains("owners: @payments-qa"), "the first run's failures are all new: \(first)")

    try setup.write("nightly-2", failing: ["checkout", "refund", "search", "legacy"])
    let second = try setup.binary.run(setup.workspace.check("nightly-2"))
    #expect(second.status == 0, "\(second.stderr)")
    let mattermost = try #require(try setup.posts(to: "/hooks/mattermost").last)
    #expect(mattermost.contains("owners: @refunds, @bob"), "\(mattermost)")
    #expect(mattermost.contains("owners: shop/search"), "an unmapped team is plain text, never a broken ping")
    #expect(mattermost.contains("owners: shop/payments"), "a known failure's owners are named, not pinged")
    #expect(!mattermost.contains("@payments-qa"))
    #expect(!mattermost.contains("@shop/"))
    let slack = try #require(try setup.posts(to: "/hooks/slack").last)
    #expect(slack.contains("owners: <!subteam^S0R3FUND>, <@U024BE7LH>"), "\(slack)")
    #expect(slack.contains("owners: shop/search"))

    let webhook = try #require(try setup.posts(to: "/hooks/webhook").last)
    let payload = try #require(try JSONSerialization.jsonObject(with: Data(webhook.utf8)) as? [String: Any])
    let failures = try #require(payload["failures"] as? [[String: Any]])
    let owners = Dictionary(
      uniqueKeysWithValues: failures.map { (($0["specs"] as? [String])?.first ?? "", $0["owners"] as? [String] ?? []) })
    #expect(owners["cypress/e2e/pay/refunds/refund.cy.js"] == ["@shop/refunds", "bob@example.com"])
    #expect(owners["cypress/e2e/pay/checkout.cy.js"] == ["@shop/payments"])
    #expect(owners["cypress/e2e/find.search.cy.js"] == ["@shop/search"])
    #expect(owners["cypress/e2e/legacy/old.cy.js"] == [], "a line without owners leaves its folder unowned")
  }

  @Test func `explain names each failing spec's CODEOWNERS line, and config check names the unmapped team`() throws {
    let setup = try Setup()
    defer { setup.sink.stop() }
    try setup.write("nightly-1", failing: ["checkout"])
    #expect(try setup.binary.run(setup.workspace.check("nightly-1")).status == 0)
    try setup.write("nightly-2", failing: ["checkout", "refund"])
    #expect(try setup.binary.run(setup.workspace.check("nightly-2")).status == 0)

    let explain = try setup.command(["explain", "nightly-2"])
    #expect(explain.status == 0, "\(explain.stderr)")
    #expect(explain.stdout.contains("/repo/.github/CODEOWNERS"), "\(explain.stdout)")
    #expect(
      explain.stdout.contains(
        "cypress/e2e/pay/refunds/refund.cy.js: @shop/refunds, bob@example.com (line 4: "
          + "`/cypress/e2e/pay/refunds/     @shop/refunds bob@example.com   # refunds moved teams in May`) · mentioned")
    )
    #expect(
      explain.stdout.contains(
        "cypress/e2e/pay/checkout.cy.js: @shop/payments (line 3: `/cypress/e2e/pay/             @shop/payments`)"
          + " · not mentioned"))

    let check = try setup.command(["config", "check"])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(
      check.stderr.contains(
        "CODEOWNERS owner @shop/search has no [owners.handles] entry for mattermost or slack:"
          + " written as shop/search, never pinged"), "\(check.stderr)")
    #expect(!check.stderr.contains("owner @shop/payments"))
    #expect(check.stdout.contains("[owners.handles]"))
  }

  @Test func `a CODEOWNERS that cannot be read leaves owners out and posts anyway`() throws {
    let setup = try Setup()
    defer { setup.sink.stop() }
    try FileManager.default.removeItem(at: setup.workspace.directory.appendingPathComponent("repo/.github"))
    try setup.write("nightly-1", failing: ["checkout"])
    let result = try setup.binary.run(setup.workspace.check("nightly-1"))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("owners-failed"), "\(result.stderr)")
    #expect(result.stderr.contains("holds none of .github/CODEOWNERS, CODEOWNERS, docs/CODEOWNERS"))
    let post = try #require(try setup.posts(to: "/hooks/mattermost").first)
    #expect(!post.contains("owners:"))
  }
}

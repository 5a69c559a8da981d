import Foundation
import TestSupport
import Testing

/// `preview`, `explain`, `check` and `status` show one plan: every `[[notify]]` target and every
/// matching alert subscription, with the same decision for each.
@Suite("one plan for every command, end to end", .timeLimit(.minutes(3)))
struct PlanEndToEndTests {
  /// A second target that only hears of failures, so a COMPLETED run is not posted to it.
  static let failuresOnly = """

    [[notify]]
    name = "failures-only"
    type = "webhook"
    url = "env:MATTERMOST_ATVM_WEBHOOK"
    on = ["failed"]

    """

  struct Setup {
    var workspace: Workspace
    var sink: WebhookSink
    var binary: FinishlineBinary
    var common: [String]
    /// The target names of the alert subscriptions for `e2e-*`: one that hears of a COMPLETED
    /// run, one that only hears of failures.
    var subscription = ""
    var failureSubscription = ""

    func run(_ arguments: [String]) throws -> FinishlineBinary.Result {
      try binary.run(arguments + common)
    }
  }

  static func subscribe(_ setup: Setup, on event: String, path: String) throws -> String {
    let add = try setup.run([
      "alerts", "add", "--job", "e2e-*", "--type", "webhook", "--target", setup.sink.url(path: path), "--on", event,
    ])
    #expect(add.status == 0, "\(add.stderr)")
    return "alert-" + add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  static func setUp() throws -> Setup {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    try workspace.configure(webhookURL: sink.url(path: "/hooks/planS3cret"), append: failuresOnly)
    var setup = Setup(
      workspace: workspace, sink: sink, binary: try FinishlineBinary.built(),
      common: ["--config", workspace.configPath, "--env-file", workspace.envFile])
    setup.subscription = try subscribe(setup, on: "success", path: "/alerts/subS3cret")
    setup.failureSubscription = try subscribe(setup, on: "failure", path: "/alerts/failS3cret")
    return setup
  }

  /// The `deliveries` of the first scope of a decision record, as target → outcome.
  static func deliveries(_ json: String) throws -> [String: String] {
    let text = json.hasPrefix("[") ? json : "[\(json)]"
    let records = try JSONDecoder().decode([DecisionRecord].self, from: Data(text.utf8))
    let scope = try #require(records.first?.scopes.first)
    return Dictionary(uniqueKeysWithValues: scope.deliveries.map { ($0.target, $0.outcome) })
  }

  @Test func `preview explain check and status agree on every target and subscription`() throws {
    let setup = try Self.setUp()
    defer { setup.sink.stop() }
    let subscription = setup.subscription

    let preview = try setup.run(["preview", "e2e-completed", "--triggered-by", "alice@example.com"])
    #expect(preview.status == 0, "\(preview.stderr)")
    let sections = preview.stdout.components(separatedBy: "\n== ").dropFirst()
    #expect(sections.count == 4, "two targets and two subscriptions: \(preview.stdout)")
    let atvm = try #require(sections.first { $0.hasPrefix("atvm ") })
    #expect(atvm.contains("would post (final, mentioning @alice)") && atvm.contains("COMPLETED e2e-completed"))
    let quiet = try #require(sections.first { $0.hasPrefix("failures-only ") })
    #expect(quiet.contains("not posted (suppressed): target failures-only does not subscribe to completed"))
    #expect(!quiet.contains("COMPLETED e2e-completed"), "no message is shown for a target not posted to")
    let subscribed = try #require(sections.first { $0.hasPrefix("\(subscription) ") })
    #expect(subscribed.contains("would post (final"), "\(subscribed)")
    let unsubscribed = try #require(sections.first { $0.hasPrefix("\(setup.failureSubscription) ") })
    #expect(unsubscribed.contains("not posted (suppressed)"), "\(unsubscribed)")
    #expect(!preview.stdout.contains("S3cret"))

    let explain = try setup.run(["explain", "e2e-completed"])
    #expect(explain.status == 0, "\(explain.stderr)")
    let table = try #require(explain.stdout.components(separatedBy: "targets:\n").last)
    #expect(table.contains("atvm") && table.contains(subscription) && table.contains("would post"), "\(table)")
    #expect(table.contains("failures-only") && table.contains(setup.failureSubscription))
    #expect(try setup.sink.requests().isEmpty, "preview and explain send nothing")

    let check = try setup.run(["check", "--run", "e2e-completed", "--json"])
    #expect(check.status == 0, "\(check.stderr)")
    let expected = [
      "atvm": "delivered", "failures-only": "suppressed", subscription: "delivered",
      setup.failureSubscription: "suppressed",
    ]
    #expect(try Self.deliveries(check.stdout) == expected)
    #expect(try setup.sink.requests().map(\.path).sorted() == ["/alerts/subS3cret", "/hooks/planS3cret"])

    let status = try setup.run(["status", "e2e-completed", "--json"])
    #expect(status.status == 0, "\(status.stderr)")
    #expect(try Self.deliveries(status.stdout) == expected, "status lists the subscription too")

    let again = try setup.run(["preview", "e2e-completed"])
    #expect(again.stdout.contains("not posted (already-delivered)"), "\(again.stdout)")
    #expect(!again.stdout.contains("would post"))
    let recheck = try setup.run(["check", "--run", "e2e-completed", "--json"])
    #expect(try Self.deliveries(recheck.stdout)["failures-only"] == "suppressed")
    #expect(try setup.sink.requests().count == 2, "nothing posted twice")
  }
}

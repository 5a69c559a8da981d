import Foundation
import TestSupport
import Testing

/// Alert subscriptions through the built binary: added at run time, merged with [[notify]].
@Suite("alert subscriptions, end to end", .timeLimit(.minutes(3)))
struct AlertsEndToEndTests {
  @Test func `a timeout subscription gets one needs attention post for a hung run only`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/mm"))
    let binary = try FinishlineBinary.built()
    let common = ["--config", workspace.configPath, "--env-file", workspace.envFile]
    let add = try binary.run(
      [
        "alerts", "add", "--job", "e2e-*", "--type", "webhook", "--target", sink.url(path: "/alerts/alertS3cret"),
        "--on", "timeout",
      ] + common)
    #expect(add.status == 0, "\(add.stderr)")
    let id = add.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(id.count == 8)

    let listed = try binary.run(["alerts", "list", "--json"] + common)
    #expect(listed.stdout.contains("\"id\":\"\(id)\""))
    #expect(!listed.stdout.contains("alertS3cret"), "the subscription's token is not shown")

    try workspace.age(3600, matching: "e2e-hung")
    let runner = try workspace.startRunner("e2e-hung")
    defer { runner.stop() }
    for _ in 0..<2 {
      let hung = try binary.run(workspace.check("e2e-hung", ["--json"] + workspace.startedAt(secondsAgo: 3600)))
      #expect(hung.stdout.contains("\"state\":\"HUNG\""), "\(hung.stdout) \(hung.stderr)")
      #expect(!hung.stderr.contains("alertS3cret"))
    }
    let completed = try binary.run(workspace.check("e2e-completed"))
    #expect(completed.status == 0)

    let requests = try sink.requests()
    let alerts = requests.filter { $0.path.hasPrefix("/alerts/") }
    #expect(alerts.count == 1, "one needs-attention post for the hung run, none for the completed one")
    let alert = alerts.first?.body ?? ""
    #expect(alert.contains("\"kind\":\"alert\"") && alert.contains("\"state\":\"HUNG\""), "\(alert)")
    #expect(requests.filter { $0.path.hasPrefix("/hooks/") }.count == 1, "the completed run's final status")

    let remove = try binary.run(["alerts", "remove", id] + common)
    #expect(remove.status == 0, "\(remove.stderr)")
    try workspace.age(3600, matching: "e2e-midwrite")
    let other = try workspace.startRunner("e2e-midwrite")
    defer { other.stop() }
    let afterRemoval = try binary.run(
      workspace.check("e2e-midwrite", ["--json"] + workspace.startedAt(secondsAgo: 3600)))
    #expect(afterRemoval.stdout.contains("\"state\":\"HUNG\""), "\(afterRemoval.stdout)")
    #expect(try sink.requests().filter { $0.path.hasPrefix("/alerts/") }.count == 1, "removed: no further alert")
  }

  @Test func `a bad subscription is refused`() throws {
    let workspace = try Workspace()
    try workspace.configure(webhookURL: "https://chat.example.com/hooks/x")
    let result = try FinishlineBinary.built().run(
      [
        "alerts", "add", "--job", "x", "--type", "webhook", "--target", "http://chat.example.com/h",
        "--config", workspace.configPath, "--env-file", workspace.envFile,
      ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("plain http"))
  }
}

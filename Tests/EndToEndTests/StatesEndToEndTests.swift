import Foundation
import TestSupport
import Testing

/// Every example tree through the built binary: the right state, and only completed or
/// failed runs posted, exactly once.
@Suite("every state, end to end", .timeLimit(.minutes(3)))
struct StatesEndToEndTests {
  struct Scenario: Sendable, CustomTestStringConvertible {
    var run: String
    var state: String
    /// Seconds in the past the tree's files were last changed.
    var ageSeconds: Double = 0
    /// A live process matching `runner_match` during the checks.
    var runnerAlive = false
    var posts: Int
    var testDescription: String { "\(run) is \(state)" }
  }

  static let scenarios = [
    Scenario(run: "e2e-completed", state: "COMPLETED", posts: 1),
    Scenario(run: "e2e-failed", state: "FAILED", posts: 1),
    Scenario(run: "e2e-cancelled", state: "CANCELLED", posts: 0),
    Scenario(run: "e2e-terminated", state: "TERMINATED", ageSeconds: 600, posts: 0),
    Scenario(run: "e2e-hung", state: "HUNG", ageSeconds: 3600, runnerAlive: true, posts: 0),
    Scenario(run: "e2e-unknown", state: "UNKNOWN", ageSeconds: 1200, posts: 0),
    Scenario(run: "e2e-midwrite", state: "RUNNING", runnerAlive: true, posts: 0),
    Scenario(run: "e2e-midwrite", state: "RUNNING", posts: 0),
  ]

  @Test(arguments: scenarios)
  func `example run`(_ scenario: Scenario) throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/states"))
    if scenario.ageSeconds > 0 { try workspace.age(scenario.ageSeconds) }
    let runner = scenario.runnerAlive ? try workspace.startRunner(scenario.run) : nil
    defer { runner?.stop() }
    let binary = try FinishlineBinary.built()
    let start =
      scenario.runnerAlive && scenario.ageSeconds > 0 ? workspace.startedAt(secondsAgo: scenario.ageSeconds) : []
    for _ in 0..<2 {
      let result = try binary.run(workspace.check(scenario.run, ["--json"] + start))
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.contains("\"state\":\"\(scenario.state)\""), "\(result.stdout)\n\(result.stderr)")
    }
    #expect(try sink.requests().count == scenario.posts)
  }

  @Test func `a hung run that later finishes is not posted until reset`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/hung"))
    let binary = try FinishlineBinary.built()
    try workspace.age(3600)
    let runner = try workspace.startRunner("e2e-completed")
    let hung = try binary.run(workspace.check("e2e-completed", ["--json"] + workspace.startedAt(secondsAgo: 3600)))
    #expect(hung.stdout.contains("\"state\":\"HUNG\""), "\(hung.stdout) \(hung.stderr)")
    runner.stop()
    // The runner is gone and the results are complete, but HUNG closed the run.
    let later = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(later.stdout.contains("\"state\":\"HUNG\""))
    #expect(try sink.requests().isEmpty)

    let reset = try binary.run([
      "reset", "e2e-completed", "--config", workspace.configPath, "--env-file", workspace.envFile,
    ])
    #expect(reset.status == 0, "\(reset.stderr)")
    #expect(reset.stdout.contains("reopened (was HUNG)"))
    #expect(reset.stderr.contains("level=warning event=reset"))
    for _ in 0..<2 {
      let after = try binary.run(workspace.check("e2e-completed", ["--json"]))
      #expect(after.stdout.contains("\"state\":\"COMPLETED\""), "\(after.stdout) \(after.stderr)")
    }
    #expect(try sink.requests().count == 1)
  }

  @Test func `cancel closes a running run even after it writes complete results`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/cancel"))
    let binary = try FinishlineBinary.built()
    let runner = try workspace.startRunner("e2e-completed")
    let running = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(running.stdout.contains("\"state\":\"RUNNING\""))
    let cancel = try binary.run(
      [
        "cancel", "e2e-completed", "--reason", "wrong branch", "--config", workspace.configPath,
        "--env-file", workspace.envFile,
      ])
    #expect(cancel.status == 0, "\(cancel.stderr)")
    runner.stop()
    for _ in 0..<2 {
      let result = try binary.run(workspace.check("e2e-completed", ["--json"]))
      #expect(result.stdout.contains("\"state\":\"CANCELLED\""), "\(result.stdout) \(result.stderr)")
      #expect(result.stdout.contains("cancel marker"))
    }
    #expect(try sink.requests().isEmpty)
  }

  @Test func `a corrupted state file exits 65 is preserved and nothing is posted`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/corrupt"))
    try FileManager.default.createDirectory(atPath: workspace.stateDir, withIntermediateDirectories: true)
    let garbage = "{\"schema_version\": 1, \"run\": \"e2e-completed\", torn"
    try garbage.write(toFile: "\(workspace.stateDir)/e2e-completed.json", atomically: true, encoding: .utf8)
    let binary = try FinishlineBinary.built()
    let result = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stdout.contains("\"state\":\"UNKNOWN\""))
    #expect(result.stderr.contains("finishline reset"))
    let names = try FileManager.default.contentsOfDirectory(atPath: workspace.stateDir)
    let aside = try #require(names.first { $0.hasPrefix("e2e-completed.json.corrupt-") })
    #expect(try String(contentsOfFile: "\(workspace.stateDir)/\(aside)", encoding: .utf8) == garbage)
    #expect(names.contains("e2e-completed.json"), "a new state file stands beside the preserved one")
    let again = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(again.stdout.contains("\"state\":\"UNKNOWN\""))
    #expect(try sink.requests().isEmpty)
  }

  @Test func `explain shows why a run is terminated`() throws {
    let workspace = try Workspace()
    try workspace.configure(webhookURL: "https://chat.example.com/hooks/x")
    try workspace.age(600)
    let result = try FinishlineBinary.built().run(
      ["explain", "e2e-terminated", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(result.status == 0, "\(result.stderr)")
    for fragment in [
      "vm-03    RUNNING", "vm-04    NOT STARTED",
      "runner: no live process matches 'cypress run .*e2e\\-terminated(?![A-Za-z0-9_]) \(workspace.token)'",
      "settle         2m", "rule 11 `terminated` -> TERMINATED", "end marker:",
    ] {
      #expect(result.stdout.contains(fragment), "explain lacks `\(fragment)`:\n\(result.stdout)")
    }
    #expect(
      !FileManager.default.fileExists(atPath: "\(workspace.stateDir)/e2e-terminated.json"), "explain writes nothing")
  }

  @Test func `status lists every tracked run with its deliveries`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/status"))
    let binary = try FinishlineBinary.built()
    _ = try binary.run(workspace.check("e2e-failed"))
    _ = try binary.run(workspace.check("e2e-cancelled"))
    let table = try binary.run(["status", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(table.status == 0, "\(table.stderr)")
    #expect(table.stdout.contains("e2e-failed"))
    #expect(table.stdout.contains("atvm:delivered"))
    #expect(table.stdout.contains("CANCELLED"))
    let json = try binary.run(["status", "--json", "--config", workspace.configPath, "--env-file", workspace.envFile])
    let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
    #expect(Set(array.compactMap { $0["run"] as? String }) == ["e2e-failed", "e2e-cancelled"])
  }
}

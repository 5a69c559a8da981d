import Foundation
import TestSupport
import Testing

/// A categorized request (smoke, billing, admin) through the built binary: one post per
/// finished group, in order, never an aggregate.
@Suite("categorized runs, end to end", .timeLimit(.minutes(3)))
struct CategorizedEndToEndTests {
  static let groups = ["enabled": "true", "groups": #"["smoke", "billing", "admin"]"#]

  /// smoke completed first, then billing failed; admin is still running.
  func setUp(settings: [String: String]) throws -> (Workspace, WebhookSink, FinishlineBinary) {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    try workspace.configure(webhookURL: sink.url(path: "/hooks/categorized"), settings: settings)
    try workspace.age(3 * 3600, matching: "e2e-categorized-smoke")
    try workspace.age(2 * 3600, matching: "e2e-categorized-billing")
    try workspace.age(600, matching: "e2e-categorized-admin")
    return (workspace, sink, try FinishlineBinary.built())
  }

  func titles(_ sink: WebhookSink) throws -> [String] {
    try sink.requests().map { request in
      let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any])
      let text = try #require(body["text"] as? String)
      return String(text.split(separator: "\n").first ?? "")
    }
  }

  /// Writes admin's final results, status and end marker, as the runner would at its end.
  func completeAdmin(_ workspace: Workspace) throws {
    let files = FileManager.default
    for machine in ["vm-01", "vm-02"] {
      let target = "\(workspace.root)/mochawesome/e2e-categorized-admin/\(machine)"
      try files.createDirectory(atPath: target, withIntermediateDirectories: true)
      try files.copyItem(
        atPath: "\(workspace.root)/mochawesome/e2e-completed/vm-01/login.json", toPath: "\(target)/login.json")
    }
    let log = "\(workspace.root)/logs/e2e-categorized-admin.log"
    let finished =
      try String(contentsOfFile: log, encoding: .utf8)
      + "2026-11-22 23:01:00 vm-01 PASSED\n2026-11-22 23:01:01 vm-02 PASSED\n"
    try finished.write(toFile: log, atomically: true, encoding: .utf8)
    try "finished\n".write(
      toFile: "\(workspace.root)/logs/e2e-categorized-admin.done", atomically: true, encoding: .utf8)
  }

  func check(_ workspace: Workspace, _ binary: FinishlineBinary, extra: [String] = []) throws -> FinishlineBinary.Result
  {
    let result = try binary.run(workspace.check("e2e-categorized", ["--json"] + extra))
    #expect(result.status == 0, "\(result.stderr)")
    return result
  }

  @Test func `finished groups are posted in order and the running one later`() throws {
    let (workspace, sink, binary) = try setUp(settings: Self.groups)
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-categorized-admin")
    let first = try check(workspace, binary)
    #expect(
      try titles(sink) == [
        "#### :white_check_mark: COMPLETED e2e-categorized — smoke, group 1 of 3",
        "#### :x: FAILED e2e-categorized — billing, group 2 of 3",
      ])
    #expect(first.stdout.contains("\"group\":\"admin\",\"state\":\"RUNNING\""), "\(first.stdout)")
    _ = try check(workspace, binary)
    #expect(try sink.requests().count == 2, "a second check posts nothing more")

    runner.stop()
    try completeAdmin(workspace)
    let last = try check(workspace, binary)
    #expect(try titles(sink).last == "#### :white_check_mark: COMPLETED e2e-categorized — admin, group 3 of 3")
    #expect(try sink.requests().count == 3)
    #expect(last.stderr.contains("event=closed"))
    for _ in 0..<2 { _ = try check(workspace, binary) }
    #expect(try sink.requests().count == 3, "further checks post nothing")
    let state = try workspace.read("state/e2e-categorized.json")
    for group in ["smoke", "billing", "admin"] { #expect(state.contains("\"group\" : \"\(group)\"")) }
  }

  @Test func `without configured groups the sub runs are discovered in order`() throws {
    let (workspace, sink, binary) = try setUp(settings: [:])
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-categorized-admin")
    defer { runner.stop() }
    let result = try check(workspace, binary, extra: ["--categorize"])
    #expect(try DecisionRecord.of(result).scopes.compactMap(\.group) == ["smoke", "billing", "admin"])
    #expect(try sink.requests().count == 2)
    let explain = try binary.run(
      ["explain", "e2e-categorized", "--categorize", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(explain.stdout.contains("== group admin (3 of 3): e2e-categorized-admin"), "\(explain.stdout)")
  }

  @Test func `cancelling the parent means the running group is never posted`() throws {
    let (workspace, sink, binary) = try setUp(settings: Self.groups)
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-categorized-admin")
    _ = try check(workspace, binary)
    let cancel = try binary.run(
      ["cancel", "e2e-categorized", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(cancel.status == 0, "\(cancel.stderr)")
    runner.stop()
    try completeAdmin(workspace)
    let result = try check(workspace, binary)
    #expect(result.stdout.contains("\"group\":\"admin\",\"state\":\"CANCELLED\""), "\(result.stdout)")
    _ = try check(workspace, binary)
    #expect(try sink.requests().count == 2, "smoke and billing only")
  }

  /// Each group's state as `check --dry-run --json` reports it and as `explain` decides it.
  func judgements(_ workspace: Workspace, _ binary: FinishlineBinary) throws -> (dry: [String], explained: [String]) {
    let dry = try check(workspace, binary, extra: ["--dry-run"])
    let scopes = try DecisionRecord.of(dry).scopes
    let explain = try binary.run(
      ["explain", "e2e-categorized", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(explain.status == 0, "\(explain.stderr)")
    let sections = explain.stdout.components(separatedBy: "\n== group ").dropFirst()
    let explained = sections.map { section in
      let decision = section.split(separator: "\n").first { $0.hasPrefix("decision: ") } ?? ""
      let group = section.prefix { $0 != " " }
      return "\(group) " + (decision.components(separatedBy: "-> ").last ?? "").replacing("decision: ", with: "")
    }
    return (scopes.map { "\($0.group ?? "") \($0.state)" }, explained)
  }

  @Test func `explain decides as a dry run check does`() throws {
    let (workspace, sink, binary) = try setUp(settings: Self.groups)
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-categorized-admin")
    defer { runner.stop() }
    var (dry, explained) = try judgements(workspace, binary)
    #expect(dry == ["smoke COMPLETED", "billing FAILED", "admin RUNNING"])
    #expect(explained == dry)
    #expect(try sink.requests().isEmpty, "neither posts")

    _ = try check(workspace, binary)
    let cancel = try binary.run(
      ["cancel", "e2e-categorized", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(cancel.status == 0, "\(cancel.stderr)")
    (dry, explained) = try judgements(workspace, binary)
    #expect(dry == ["smoke COMPLETED", "billing FAILED", "admin CANCELLED"], "the parent's cancel reaches its groups")
    #expect(explained == dry)
    let explain = try binary.run(
      ["explain", "e2e-categorized", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(explain.stdout.contains("run e2e-categorized is categorized"))
    #expect(explain.stdout.contains("== group admin (3 of 3): e2e-categorized-admin"))
  }

  @Test func `explain shows a waiting group as the check holds it`() throws {
    let (workspace, sink, binary) = try setUp(settings: [
      "enabled": "true", "groups": #"["admin", "billing", "later"]"#,
    ])
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-categorized-admin")
    defer { runner.stop() }
    let (dry, explained) = try judgements(workspace, binary)
    #expect(dry == ["admin RUNNING", "billing FAILED", "later RUNNING"])
    #expect(explained == dry)
    let explain = try binary.run(
      ["explain", "e2e-categorized", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(explain.stdout.contains("not started; waiting for group admin to finish"), "\(explain.stdout)")
  }

  @Test func `a later group waits for an earlier one that is still open`() throws {
    let (workspace, sink, binary) = try setUp(settings: ["enabled": "true", "groups": #"["admin", "billing"]"#])
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-categorized-admin")
    defer { runner.stop() }
    let result = try check(workspace, binary)
    #expect(try sink.requests().isEmpty, "billing finished, but admin comes first and is still running")
    #expect(result.stderr.contains("event=held"))
  }

  @Test func `reset of one group reopens only that group`() throws {
    let (workspace, sink, binary) = try setUp(settings: Self.groups)
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-categorized-admin")
    _ = try check(workspace, binary)
    let common = ["--config", workspace.configPath, "--env-file", workspace.envFile]
    #expect(try binary.run(["cancel", "e2e-categorized"] + common).status == 0)
    runner.stop()
    try completeAdmin(workspace)
    _ = try check(workspace, binary)
    #expect(try sink.requests().count == 2)

    let reset = try binary.run(["reset", "e2e-categorized", "--group", "admin"] + common)
    #expect(reset.status == 0, "\(reset.stderr)")
    #expect(reset.stdout.contains("e2e-categorized-admin: reopened (was CANCELLED)"))
    #expect(!reset.stdout.contains("e2e-categorized-smoke"), "only the named group is reopened")
    let after = try check(workspace, binary)
    #expect(after.stdout.contains("\"group\":\"admin\",\"state\":\"COMPLETED\""), "\(after.stdout)")
    #expect(try titles(sink).last == "#### :white_check_mark: COMPLETED e2e-categorized — admin, group 3 of 3")
    #expect(try sink.requests().count == 3, "smoke and billing are not posted again")
    let unknown = try binary.run(["reset", "e2e-categorized", "--group", "nope"] + common)
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("groups: smoke, billing, admin"))
  }

  /// SPEC §4: group folders in a reused workspace (`cypress/results/{group}/`, no build
  /// number). Each build's sub-runs have names of their own, yesterday's folders are set aside
  /// by the build's start, and a later build adopts nothing of an earlier one.
  @Test func `group folders in a reused workspace are posted per build and never adopted`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: """
        mochawesome = "cypress/results/{group}/*.json"
        runner_match = 'cypress run .*{run} {token}'

        [categorize]
        enabled = true
        subrun = "{run}-{group}"
        """, webhookURL: sink.url(path: "/hooks/groups"))
    let binary = try FinishlineBinary.built()
    let twoDays = 2 * 86_400.0
    for group in ["smoke", "billing", "legacy"] {
      try workspace.place("merge-login.json", at: "cypress/results/\(group)/login.json", secondsAgo: twoDays)
    }
    // Build 42 started 15 minutes ago and rewrote smoke and billing; legacy is yesterday's.
    try workspace.place("merge-search.json", at: "cypress/results/smoke/login.json", secondsAgo: 600)
    try workspace.place("merge-login.json", at: "cypress/results/billing/login.json", secondsAgo: 590)
    let first = try binary.run(workspace.check("B42", ["--json"] + workspace.startedAt(secondsAgo: 900)))
    let scopes = WorkflowsEndToEndTests.state(first).scopes
    #expect(scopes == ["B42-smoke": "COMPLETED", "B42-billing": "FAILED"], "\(first.stdout) \(first.stderr)")
    #expect(try sink.requests().count == 2)
    // Build 43 starts now: every file is an earlier build's, so it has no group yet.
    let next = try binary.run(workspace.check("B43", ["--json"] + workspace.startedAt(secondsAgo: 60)))
    #expect(next.status == 0, "\(next.stderr)")
    #expect(WorkflowsEndToEndTests.state(next).scopes.keys.allSatisfy { !$0.hasPrefix("B42") }, "\(next.stdout)")
    #expect(try sink.requests().count == 2, "nothing of build 42 is posted again or adopted: \(next.stdout)")
    try workspace.place("merge-search.json", at: "cypress/results/smoke/login.json", secondsAgo: 30)
    let smoke = try binary.run(workspace.check("B43", ["--json"] + workspace.startedAt(secondsAgo: 60)))
    #expect(WorkflowsEndToEndTests.state(smoke).scopes["B43-smoke"] == "COMPLETED", "\(smoke.stdout) \(smoke.stderr)")
    #expect(try sink.requests().count == 3)
  }

  @Test func `a subrun template without the run is refused by config check`() throws {
    let workspace = try Workspace()
    try workspace.configure(
      run: "mochawesome = \"cypress/results/{group}/*.json\"\n\n[categorize]\nenabled = true\nsubrun = \"{group}\"",
      webhookURL: "https://chat.example.com/hooks/x")
    let result = try FinishlineBinary.built().run(["config", "check", "--config", workspace.configPath])
    #expect(result.status == 78, "\(result.stderr)")
    #expect(
      result.stderr.contains("key `categorize.subrun`: `{group}` must contain {run} and {group}"), "\(result.stderr)")
  }
}

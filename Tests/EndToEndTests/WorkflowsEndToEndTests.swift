import Foundation
import TestSupport
import Testing

/// Never lost, never twice, however finishline is invoked: discovered groups, sub-runs checked
/// by their own name, build names that prefix each other, the Jenkins post step.
@Suite("workflows, end to end", .timeLimit(.minutes(3)))
struct WorkflowsEndToEndTests {
  static let discovered = """
    mochawesome = "results/{run}/*.json"
    end_marker = "results/{run}/done"
    runner_match = 'cypress run .*{run} {token}'
    """

  static func configure(_ workspace: Workspace, sink: WebhookSink, run: String = discovered) throws {
    try workspace.configure(
      run: run + "\n\n[categorize]\nenabled = true\nsubrun = \"{run}-{group}\"\ngroups = []",
      policy: "settle = \"1m\"", webhookURL: sink.url(path: "/hooks/workflows"))
  }

  /// Each scope's state in a `check --json` record.
  static func state(_ result: FinishlineBinary.Result) -> (scopes: [String: String], Void) {
    let scopes = (try? DecisionRecord.of(result))?.scopes ?? []
    return (Dictionary(scopes.map { ($0.scope, $0.state) }) { _, last in last }, ())
  }

  /// One group of P runs: its runner starts, writes results and its end marker, and exits.
  static func runGroup(_ group: String, in workspace: Workspace, check: () throws -> Void) throws {
    let runner = try workspace.startRunner("P-\(group)")
    try workspace.place("merge-search.json", at: "results/P-\(group)/search.json")
    try check()
    try workspace.write(Data("done\n".utf8), at: "results/P-\(group)/done")
    runner.stop()
  }

  @Test func `discovered groups that start after the previous runner died are each posted once`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try Self.configure(workspace, sink: sink)
    let binary = try FinishlineBinary.built()
    func check() throws -> FinishlineBinary.Result {
      let result = try binary.run(workspace.check("P", ["--json"]))
      #expect(result.status == 0, "\(result.stderr)")
      return result
    }
    for group in ["smoke", "billing"] {
      try Self.runGroup(group, in: workspace) {
        let running = try check()
        #expect(Self.state(running).scopes["P-\(group)"] == "RUNNING")
      }
      #expect(Self.state(try check()).scopes["P-\(group)"] == "COMPLETED")
      let status = try binary.run(["status", "P", "--config", workspace.configPath, "--env-file", workspace.envFile])
      #expect(status.stdout.contains("waiting for parent evidence"), "\(status.stdout)")
      let explain = try binary.run(["explain", "P", "--config", workspace.configPath])
      #expect(explain.stdout.contains("run P is categorized"), "\(explain.stdout)")
      #expect(explain.stdout.contains("waiting for parent evidence"), "\(explain.stdout)")
    }
    #expect(try sink.requests().count == 2, "each discovered group posted once")

    try workspace.write(Data("done\n".utf8), at: "results/P/done")
    _ = try check()
    let closed = try binary.run(
      ["status", "P", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(closed.stdout.contains("all 2 groups closed"), "\(closed.stdout)")
    _ = try check()
    #expect(try sink.requests().count == 2)
    for _ in 0..<3 { _ = try check() }
    let state = try workspace.read("state/P.json")
    #expect(!state.contains("closed earlier (closed earlier"), "a closed group's reason is stored once")
  }

  @Test func `a build name that prefixes another is classified from its own evidence`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: """
        mochawesome = "mochawesome/{run}/{machine}/*.json"
        status_logs = "logs/{run}.log"
        runner_match = 'cypress run .*{run} {token}'
        """, webhookURL: sink.url(path: "/hooks/prefix"))
    try workspace.place("merge-search.json", at: "mochawesome/BUILD-4/vm-01/search.json", secondsAgo: 600)
    try workspace.write(Data("2026-12-01 08:00:00 vm-01 PASSED\n".utf8), at: "logs/BUILD-4.log", secondsAgo: 600)
    try workspace.write(Data("2026-12-01 09:00:00 vm-01 RUNNING\n".utf8), at: "logs/BUILD-49.log")
    let runner49 = try workspace.startRunner("BUILD-49")
    defer { runner49.stop() }
    let binary = try FinishlineBinary.built()

    let four = try binary.run(workspace.check("BUILD-4", ["--json"]))
    #expect(Self.state(four).scopes["BUILD-4"] == "COMPLETED", "\(four.stdout) \(four.stderr)")
    let fortyNine = try binary.run(workspace.check("BUILD-49", ["--json"]))
    #expect(Self.state(fortyNine).scopes["BUILD-49"] == "RUNNING", "\(fortyNine.stdout)")
    #expect(try sink.requests().count == 1)
  }

  @Test func `a sub run checked by its own name after its parent posted it posts nothing`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start(script: "200")
    defer { sink.stop() }
    try workspace.configure(
      run: Self.discovered, policy: "settle = \"1m\"", webhookURL: sink.url(path: "/hooks/byname"))
    let binary = try FinishlineBinary.built()
    try workspace.place("merge-search.json", at: "results/B44-smoke/search.json", secondsAgo: 600)
    try workspace.write(Data("done\n".utf8), at: "results/B44-smoke/done", secondsAgo: 600)

    let parent = try binary.run(workspace.check("B44", ["--json", "--categorize"]))
    #expect(Self.state(parent).scopes["B44-smoke"] == "COMPLETED", "\(parent.stdout) \(parent.stderr)")
    #expect(try sink.requests().count == 1)
    for _ in 0..<2 {
      let byName = try binary.run(workspace.check("B44-smoke", ["--json"]))
      #expect(byName.status == 0, "\(byName.stderr)")
      #expect(byName.stdout.contains(#""outcome":"already-delivered""#), "\(byName.stdout) \(byName.stderr)")
    }
    #expect(try sink.requests().count == 1, "the sub-run is posted once, whichever way it is checked")
    let status = try binary.run(["status", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(status.stdout.components(separatedBy: "B44-smoke ").count - 1 == 1, "listed once: \(status.stdout)")
    // Without its own file (a state directory from before sub-runs had one), the parent's record serves.
    try FileManager.default.removeItem(atPath: "\(workspace.stateDir)/B44-smoke.json")
    let fromParent = try binary.run(workspace.check("B44-smoke", ["--json"]))
    #expect(fromParent.stdout.contains(#""outcome":"already-delivered""#), "\(fromParent.stdout) \(fromParent.stderr)")
    #expect(try sink.requests().count == 1)
    let again = try binary.run(["status", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(again.stdout.components(separatedBy: "B44-smoke ").count - 1 == 1, "still listed once: \(again.stdout)")
  }

  @Test(arguments: StateKind.allCases)
  func `a sub run posted by its own name is not posted again through its parent`(state: StateKind) throws {
    let workspace = try Workspace()
    try state.use(in: workspace)
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: Self.discovered, policy: "settle = \"1m\"", webhookURL: sink.url(path: "/hooks/byname"))
    let binary = try FinishlineBinary.built()
    try workspace.place("merge-search.json", at: "results/B45-smoke/search.json", secondsAgo: 600)
    try workspace.write(Data("done\n".utf8), at: "results/B45-smoke/done", secondsAgo: 600)

    let byName = try binary.run(workspace.check("B45-smoke", ["--json"]))
    #expect(Self.state(byName).scopes["B45-smoke"] == "COMPLETED", "\(byName.stdout) \(byName.stderr)")
    let parent = try binary.run(workspace.check("B45", ["--json", "--categorize"]))
    #expect(parent.stdout.contains(#""outcome":"already-delivered""#), "\(parent.stdout) \(parent.stderr)")
    #expect(try sink.requests().count == 1)
    let keys = Set(try sink.requests().compactMap { $0.header("Idempotency-Key") })
    #expect(keys.count <= 1)
  }

  @Test(arguments: StateKind.allCases)
  func `a post step right after the runner exits waits and posts once within its deadline`(state: StateKind) throws {
    let workspace = try Workspace()
    try state.use(in: workspace)
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: "mochawesome = \"results/{run}/*.json\"\nrunner_match = 'cypress run .*{run} {token}'",
      policy: "settle = \"3s\"", webhookURL: sink.url(path: "/hooks/poststep"))
    let binary = try FinishlineBinary.built()
    // The runner has just exited; its reporter is still flushing the last report.
    let report = try Data(contentsOf: RepositoryPaths.reportFixtures.appendingPathComponent("merge-login.json"))
    try workspace.write(report.prefix(report.count / 2), at: "results/B-50/login.json")
    let step = try binary.start(workspace.check("B-50", ["--wait", "--deadline", "40", "--json"]))
    Thread.sleep(forTimeInterval: 1.5)
    try workspace.write(report, at: "results/B-50/login.json")
    let result = step.wait()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(Self.state(result).scopes["B-50"] == "FAILED", "\(result.stdout) \(result.stderr)")
    #expect(result.stderr.contains("event=wait-ended"), "\(result.stderr)")
    #expect(try sink.requests().count == 1)
    let closed = try binary.run(["status", "--config", workspace.configPath, "--closed", "B-50"])
    #expect(closed.status == 0 && closed.stdout.isEmpty, "a watch of it may stop: \(closed.stderr)")
  }

  @Test(arguments: StateKind.allCases)
  func `status closed says whether a watch may stop`(state: StateKind) throws {
    let workspace = try Workspace()
    try state.use(in: workspace)
    let sink = try WebhookSink.start(script: "503")
    defer { sink.stop() }
    try workspace.configure(
      run: "mochawesome = \"results/{run}/*.json\"\nrunner_match = 'cypress run .*{run} {token}'",
      webhookURL: sink.url(path: "/hooks/closed"))
    let binary = try FinishlineBinary.built()
    let query = ["status", "--config", workspace.configPath, "--closed", "B-51"]
    #expect(try binary.run(query).status == 1, "never checked: keep watching")
    try workspace.place("merge-search.json", at: "results/B-51/search.json", secondsAgo: 600)
    let failing = try binary.run(workspace.check("B-51", ["--deadline", "5s"]))
    #expect(failing.status == 69, "\(failing.stderr)")
    #expect(try binary.run(query).status == 1, "a post is still owed: keep watching")
    #expect(try binary.run(["status", "--config", workspace.configPath, "--closed"]).status == 64)
  }

  @Test func `only commands that deliver need the secrets`() throws {
    let workspace = try Workspace()
    try workspace.configure(webhookURL: "https://chat.example.com/hooks/s3cretPath")
    let binary = try FinishlineBinary.built()
    let config = ["--config", workspace.configPath]
    try FileManager.default.createDirectory(
      atPath: workspace.stateDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    for command in [["status"], ["explain", "e2e-completed"], ["config", "check"], ["alerts", "list"]] {
      let result = try binary.run(command + config)
      #expect(result.status == 0, "\(command) without the credentials: \(result.stderr)")
      #expect(!result.stdout.contains("s3cretPath") && !result.stderr.contains("s3cretPath"))
    }
    let check = try binary.run(["check", "--run", "e2e-completed"] + config)
    #expect(check.status == 78, "check delivers, so it needs them: \(check.stderr)")
    #expect(check.stderr.contains("MATTERMOST_ATVM_WEBHOOK"))
  }

  @Test func `a needs attention alert leads with the state and its reason and says what to do`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: """
        mochawesome = "results/{run}/{machine}/*.json"
        status_logs = "logs/{run}.log"
        runner_match = 'cypress run .*{run} {token}'
        """, on: #"["completed", "failed", "terminated"]"#, webhookURL: sink.url(path: "/hooks/attention"))
    try workspace.place("merge-search.json", at: "results/B-60/vm-01/search.json", secondsAgo: 600)
    try workspace.write(
      Data("2026-12-01 08:00:00 vm-01 PASSED\n2026-12-01 08:00:00 vm-02 RUNNING\n".utf8), at: "logs/B-60.log",
      secondsAgo: 600)
    let result = try FinishlineBinary.built().run(workspace.check("B-60", ["--json"]))
    #expect(Self.state(result).scopes["B-60"] == "TERMINATED", "\(result.stdout) \(result.stderr)")
    let body = try sink.requests().first?.body ?? ""
    #expect(body.contains("NEEDS ATTENTION: TERMINATED B-60"), "\(body)")
    #expect(body.contains("**TERMINATED: runner gone, vm-02 still RUNNING"), "\(body)")
    #expect(!body.contains("tests passed"), "an alert is no tally: \(body)")
    #expect(body.contains("`finishline explain B-60`") && body.contains("`finishline reset B-60`"), "\(body)")
  }

  @Test func `operator commands refuse what would post twice or cancel nothing`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/operator"))
    let binary = try FinishlineBinary.built()
    let config = ["--config", workspace.configPath]
    #expect(try binary.run(workspace.check("e2e-completed")).status == 0)

    let refused = try binary.run(["reset", "e2e-completed", "--delivery", "atvm"] + config)
    #expect(refused.status == 64, "\(refused.stderr)")
    #expect(refused.stderr.contains("add --resend"), "\(refused.stderr)")
    _ = try binary.run(workspace.check("e2e-completed"))
    #expect(try sink.requests().count == 1)
    let resent = try binary.run(["reset", "e2e-completed", "--delivery", "atvm", "--resend"] + config)
    #expect(resent.status == 0, "\(resent.stderr)")
    #expect(resent.stderr.contains("level=warning event=reset") && resent.stderr.contains("resend=true"))

    let typo = try binary.run(["cancel", "e2e-compelted"] + config)
    #expect(typo.status == 64, "\(typo.stderr)")
    #expect(try binary.run(["cancel", "e2e-compelted", "--force"] + config).status == 0)

    let add = [
      "alerts", "add", "--job", "e2e-*", "--type", "webhook", "--target", sink.url(path: "/alerts/x"), "--on", "hung",
    ]
    let first = try binary.run(add + config)
    let second = try binary.run(add + config)
    #expect(first.status == 0 && second.status == 0, "\(first.stderr) \(second.stderr)")
    #expect(first.stdout == second.stdout, "the same subscription keeps its id")
    let listed = try binary.run(["alerts", "list", "--json"] + config)
    #expect(listed.stdout.components(separatedBy: "\"id\"").count - 1 == 1, "\(listed.stdout)")
  }

  @Test func `a closed run logs its prevented duplicate at notice once then at info`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/quiet"))
    let binary = try FinishlineBinary.built()
    let results = try (0..<3).map { _ in try binary.run(workspace.check("e2e-completed")) }
    #expect(results.allSatisfy { $0.status == 0 })
    #expect(results[1].stderr.contains("level=notice event=duplicate-prevented"), "\(results[1].stderr)")
    #expect(results[2].stderr.contains("level=info event=duplicate-prevented"), "\(results[2].stderr)")
    #expect(try sink.requests().count == 1)
  }

  @Test func `a dry run writes nothing at all`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/dry"))
    let result = try FinishlineBinary.built().run(workspace.check("e2e-completed", ["--dry-run", "--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(#""outcome":"dry-run""#))
    #expect(!FileManager.default.fileExists(atPath: workspace.stateDir), "no state directory, no lock file")
    #expect(try sink.requests().isEmpty)
  }

  /// `check` is read by hand when its command line is plain, by swift-argument-parser otherwise:
  /// both forms of a value give one result, and every usage error keeps the parser's words.
  @Test func `check reads every spelling of its options and keeps the parsers usage errors`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/fast"))
    let binary = try FinishlineBinary.built()
    let config = [
      "--config=\(workspace.configPath)", "--env-file", workspace.envFile, "--state-dir=\(workspace.stateDir)",
    ]
    let inline = try binary.run(
      ["check", "--run=e2e-completed", "--json", "--deadline=2m", "--context", "branch=main"] + config)
    #expect(inline.status == 0 && inline.stdout.contains(#""outcome":"delivered""#), "\(inline.stderr)")
    let spaced = try binary.run(["check", "--run", "e2e-completed", "--json", "--lock-wait", "5"] + config)
    #expect(spaced.status == 0 && spaced.stdout.contains(#""outcome":"already-delivered""#), "\(spaced.stderr)")
    #expect(try sink.requests().count == 1)
    for (arguments, words) in [
      (["check", "--run"], "Missing value for '--run <run>'"), (["check", "--run", "a/b"], "run"),
      (["check", "--run", "x", "--bogus"], "Unknown option '--bogus'"),
      (["check", "--run", "x", "--deadline", "0"], "--deadline must be longer than 0s"),
      (["check", "--run", "x", "--deadline=soon"], "--deadline"),
      (["check", "--run", "x", "--log-format", "xml"], "--log-format"),
      (["check", "--run", "x", "--exit-code", "one"], "--exit-code"),
      (["check", "x"], "Missing expected argument '--run <run>'"),
    ] {
      let refused = try binary.run(arguments + config)
      #expect(refused.status == 64 && refused.stderr.contains(words), "\(arguments): \(refused.stderr)")
    }
    let help = try binary.run(["check", "--help"])
    #expect(help.status == 0 && help.stdout.contains("--started-at"), "\(help.stderr)")
  }

  @Test func `config check prints valid TOML even for keys that are not set`() throws {
    let workspace = try Workspace()
    try workspace.configure(run: "mochawesome = \"r/{run}/*.json\"", webhookURL: "https://chat.example.com/hooks/x")
    let result = try FinishlineBinary.built().run(["config", "check", "--config", workspace.configPath])
    #expect(result.status == 0, "\(result.stderr)")
    let out = workspace.directory.appendingPathComponent("effective.toml").path
    try result.stdout.write(toFile: out, atomically: true, encoding: .utf8)
    let parse = try FinishlineBinary(path: "/usr/bin/python3").run(
      ["-c", "import sys, tomllib; tomllib.load(open(sys.argv[1], 'rb'))", out])
    #expect(parse.status == 0, "not TOML: \(parse.stderr)\n\(result.stdout)")
    #expect(result.stdout.contains("# runner_match not set"))
  }

  @Test func `config check warns of a configuration that can never post`() throws {
    let workspace = try Workspace()
    let text =
      "state_dir = \"state\"\n\n[run]\nroot = \"tree\"\nmochawesome = \"r/{run}/*.json\"\nend_marker = \"{run}.done\"\n"
    try text.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
    let result = try FinishlineBinary.built().run(["config", "check", "--config", workspace.configPath])
    #expect(result.status == 0, "a warning, not an error: \(result.stderr)")
    #expect(result.stderr.contains("no [[notify]] target: nothing is ever posted"), "\(result.stderr)")
  }

  @Test func `small command line fixes`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: "mochawesome = \"results/{run}/*.json\"\nrunner_match = 'cypress run .*{run} {token}'",
      target: "", webhookURL: sink.url(path: "/hooks/cli"))
    let binary = try FinishlineBinary.built()
    let config = ["--config", workspace.configPath]
    let completion = try binary.run(["--generate-completion-script", "bash"])
    #expect(completion.status == 0 && completion.stdout.contains("finishline"))
    try workspace.place("merge-login.json", at: "results/V-0/login.json", secondsAgo: 600)
    let preview = try binary.run(
      ["preview", "V-0", "--link", "report=https://reports.example.com/V-0", "--context", "branch=main"] + config
        + ["--env-file", workspace.envFile])
    #expect(
      preview.stdout.contains("reports.example.com/V-0") && preview.stdout.contains("branch"), "\(preview.stdout)")
    let version = try binary.run(["--version"])
    #expect(version.status == 0 && !version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)

    let missing = try binary.run(["status"] + config)
    #expect(missing.status == 64 && missing.stderr.contains("does not exist"), "\(missing.stderr)")

    try workspace.place("merge-search.json", at: "results/V-1/search.json", secondsAgo: 600)
    #expect(try binary.run(["cancel", "V-1", "--reason", "wrong branch"] + config).status == 0)
    let cancelled = try binary.run(workspace.check("V-1", ["--json", "--exit-code", "3"]))
    #expect(cancelled.stdout.contains("wrong branch"), "the reason is in the verdict: \(cancelled.stdout)")
    let status = try binary.run(["status", "V-1"] + config)
    #expect(status.stdout.contains("wrong branch"), "and in status: \(status.stdout)")
    for duration in ["30", "30s", "2m", "0s"] {
      let result = try binary.run(workspace.check("V-1", ["--lock-wait", duration, "--deadline", "2m"]))
      #expect(result.status == 0, "--lock-wait \(duration): \(result.stderr)")
    }
  }

  @Test func `the runners exit code reaches the webhook payload`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: "mochawesome = \"results/{run}/*.json\"\nrunner_match = 'cypress run .*{run} {token}'",
      target: "\n[[notify]]\nname = \"hook\"\ntype = \"webhook\"\nurl = \"\(sink.url(path: "/generic"))\"",
      webhookURL: sink.url(path: "/hooks/exit"))
    try workspace.place("merge-login.json", at: "results/V-2/login.json", secondsAgo: 600)
    let result = try FinishlineBinary.built().run(workspace.check("V-2", ["--exit-code", "3"]))
    #expect(result.status == 0, "\(result.stderr)")
    let payload = try #require(try sink.requests().first { $0.path == "/generic" })
    #expect(payload.body.contains(#""exit_code":3"#), "\(payload.body)")
  }

  @Test func `a start in the future is a usage error that writes nothing`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/future"))
    // A local time sent as if it were UTC, three hours east of it.
    let threeHoursAhead = String(Int(Date().timeIntervalSince1970) + 3 * 3600)
    let result = try FinishlineBinary.built().run(
      workspace.check("e2e-completed", ["--started-at", threeHoursAhead]))
    #expect(result.status == 64, "\(result.stderr)")
    // The binary reads the clock later than the test (seconds later on a loaded machine).
    #expect(result.stderr.contains(/is (3h|2h5\dm) ahead of the clock/), "\(result.stderr)")
    #expect(result.stderr.contains("would set every file aside"), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: workspace.stateDir), "nothing recorded")
    #expect(try sink.requests().isEmpty)
    let near = String(Int(Date().timeIntervalSince1970) + 60)
    let skew = try FinishlineBinary.built().run(workspace.check("e2e-completed", ["--started-at", near]))
    #expect(skew.status == 0, "a minute of clock skew is allowed: \(skew.stderr)")
  }

  @Test func `config check shows how to write a value and names unset variables`() throws {
    let workspace = try Workspace()
    try workspace.configure(
      run: "mochawesome = \"r/{run}/*.json\"", policy: "settle = 120", webhookURL: "https://chat.example.com/hooks/x")
    let bad = try FinishlineBinary.built().run(["config", "check", "--config", workspace.configPath])
    #expect(bad.status == 78, "\(bad.stderr)")
    #expect(
      bad.stderr.contains(#"key `policy.settle`: expected a duration string; write settle = "120s" or settle = "2m""#))
    try workspace.configure(
      run: "mochawesome = \"r/{run}/*.json\"", policy: "settle = \"0s\"",
      target: "channel = \"env:MATTERMOST_ATVM_CHANEL\"", webhookURL: "https://chat.example.com/hooks/s3cret")
    let misspelled = try FinishlineBinary.built().run(
      ["config", "check", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(misspelled.status == 0, "config check works without secrets: \(misspelled.stderr)")
    #expect(
      misspelled.stderr.contains(
        "warning: key `notify[1].channel` reads environment variable MATTERMOST_ATVM_CHANEL, which is not set"),
      "\(misspelled.stderr)")
    #expect(!misspelled.stderr.contains("MATTERMOST_ATVM_WEBHOOK,"), "a set variable is not named")
    #expect(!(misspelled.stdout + misspelled.stderr).contains("s3cret"))
    #expect(misspelled.stdout.contains(#"settle = "0s""#), "\(misspelled.stdout)")
  }

  @Test func `a zero settle judges the run as soon as its runner is gone`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      run: "mochawesome = \"results/{run}/*.json\"\nrunner_match = 'cypress run .*{run} {token}'",
      policy: "settle = \"0s\"", webhookURL: sink.url(path: "/hooks/zero"))
    try workspace.place("merge-search.json", at: "results/B-90/search.json")
    let result = try FinishlineBinary.built().run(workspace.check("B-90", ["--json"]))
    #expect(result.stdout.contains(#""state":"COMPLETED""#), "\(result.stdout) \(result.stderr)")
    #expect(try sink.requests().count == 1)
  }

  @Test func `a pattern is compiled once per text, and a broken one is refused even for a closed run`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/patterns"))
    let binary = try FinishlineBinary.built()
    let memory = "\(workspace.stateDir)/.patterns-checked"
    _ = try binary.run(workspace.check("e2e-completed", ["--dry-run"]))
    #expect(!FileManager.default.fileExists(atPath: memory), "a dry run writes nothing")
    #expect(try binary.run(workspace.check("e2e-completed")).status == 0)
    #expect(!FileManager.default.fileExists(atPath: memory), "the configuration is read before the directory exists")
    #expect(try binary.run(workspace.check("e2e-completed")).status == 0, "the closed run")
    let remembered = try String(contentsOfFile: memory, encoding: .utf8)
    #expect(remembered.split(separator: "\n").count == 2, "status_line and runner_match: \(remembered)")
    #expect(!remembered.contains("cypress"), "fingerprints, not patterns")
    #expect(try binary.run(workspace.check("e2e-completed")).status == 0, "the closed run")
    #expect(try String(contentsOfFile: memory, encoding: .utf8) == remembered)
    try workspace.configure(webhookURL: sink.url(path: "/hooks/patterns"), settings: ["runner_match": "'cypress ('"])
    let broken = try binary.run(workspace.check("e2e-completed"))
    #expect(broken.status == 78, "\(broken.stderr)")
    #expect(broken.stderr.contains("key `run.runner_match`"), "\(broken.stderr)")
    #expect(try String(contentsOfFile: memory, encoding: .utf8) == remembered)
    #expect(try sink.requests().count == 1)
  }
}

import Foundation
import TestSupport
import Testing

/// The walking skeleton from outside: the built binary, the example runs, a real local
/// HTTP server and real concurrent processes.
@Suite("check, end to end", .timeLimit(.minutes(3)))
struct CheckEndToEndTests {
  static let secret = "hooks/e2eS3cretT0ken42"

  func setUp(script: String = "200", state: StateKind = .directory) throws -> (Workspace, WebhookSink, FinishlineBinary)
  {
    let workspace = try Workspace()
    try state.use(in: workspace)
    let sink = try WebhookSink.start(script: script)
    try workspace.configure(webhookURL: sink.url(path: "/\(Self.secret)"))
    return (workspace, sink, try FinishlineBinary.built())
  }

  /// The raw JSON object, only for the test of the record's exact keys.
  func decision(_ result: FinishlineBinary.Result) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    return try #require(object as? [String: Any], "stdout: \(result.stdout) stderr: \(result.stderr)")
  }

  func scope(_ result: FinishlineBinary.Result) throws -> DecisionRecord.Scope {
    try #require(try DecisionRecord.of(result).first)
  }

  @Test(arguments: StateKind.allCases)
  func `a completed run posts exactly once and then prevents the duplicate`(state: StateKind) throws {
    let (workspace, sink, binary) = try setUp(state: state)
    defer { sink.stop() }
    let first = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(first.status == 0, "\(first.stderr)")
    let scope = try scope(first)
    #expect(scope.state == "COMPLETED")
    #expect(scope.deliveries.first?.outcome == "delivered")
    #expect(try sink.requests().count == 1)

    let second = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(second.status == 0)
    #expect(try sink.requests().count == 1)
    #expect(second.stderr.contains("event=duplicate-prevented"))
    let again = try self.scope(second)
    #expect(again.deliveries.first?.outcome == "already-delivered")
  }

  @Test(arguments: StateKind.allCases)
  func `a failed run posts one message with the failed count`(state: StateKind) throws {
    let (workspace, sink, binary) = try setUp(state: state)
    defer { sink.stop() }
    let result = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    let scope = try scope(result)
    #expect(scope.state == "FAILED")
    #expect(scope.counts.failed == 4)
    #expect(scope.machines == DecisionRecord.Machines(total: 5, failed: 2))
    let requests = try sink.requests()
    #expect(requests.count == 1)
    let body = try #require(requests.first?.body)
    #expect(body.contains("4 of 30 tests failed on 2 of 5 machines"))
    #expect(body.contains("qa-e2e"), "the channel override is sent")
  }

  @Test func `a run whose runner is alive posts nothing`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    let runner = try workspace.startRunner("e2e-completed")
    defer { runner.stop() }
    let result = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    let scope = try scope(result)
    #expect(scope.state == "RUNNING")
    #expect(scope.reason.contains("pid \(runner.pid)"))
    #expect(scope.deliveries.first?.outcome == "pending")
    #expect(try sink.requests().isEmpty)
  }

  @Test(arguments: StateKind.allCases)
  func `twenty concurrent checks post exactly once`(state: StateKind) throws {
    let (workspace, sink, binary) = try setUp(state: state)
    defer { sink.stop() }
    let started = try (0..<20).map { _ in try binary.start(workspace.check("e2e-failed", ["--lock-wait", "60"])) }
    let results = started.map { $0.wait() }
    #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.status)) \(results.map(\.stderr))")
    #expect(try sink.requests().count == 1)
    let prevented = results.filter { $0.stderr.contains("event=duplicate-prevented") }.count
    #expect(prevented == 19)
  }

  @Test(arguments: StateKind.allCases)
  func `the webhook secret never appears in logs state or JSON`(state: StateKind) throws {
    let (workspace, sink, binary) = try setUp(state: state)
    defer { sink.stop() }
    var outputs: [String] = []
    for run in ["e2e-failed", "e2e-failed", "e2e-completed"] {
      let result = try binary.run(workspace.check(run, ["--json"]))
      outputs += [result.stdout, result.stderr]
    }
    let config = try binary.run(["config", "check", "--config", workspace.configPath, "--env-file", workspace.envFile])
    outputs += [config.stdout, config.stderr, try workspace.stateContents()]
    #expect(try sink.requests().count == 2)
    for output in outputs {
      #expect(!output.contains("e2eS3cretT0ken42"), "secret leaked in: \(output.prefix(400))")
    }
  }

  @Test func `a bad configuration exits 78 naming the key and touches no state`() throws {
    let workspace = try Workspace()
    try workspace.configure(webhookURL: "https://chat.example.com/x", settings: ["settle": "\"soon\""])
    let result = try FinishlineBinary.built().run(workspace.check("e2e-completed"))
    #expect(result.status == 78)
    #expect(result.stderr.contains("policy.settle"))
    #expect(result.stderr.contains(workspace.configPath))
    #expect(!FileManager.default.fileExists(atPath: workspace.stateDir))
  }

  @Test func `a credentials file readable by others is refused`() throws {
    let workspace = try Workspace()
    try workspace.configure(webhookURL: "https://chat.example.com/x")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: workspace.envFile)
    let result = try FinishlineBinary.built().run(workspace.check("e2e-completed"))
    #expect(result.status == 78)
    #expect(result.stderr.contains("chmod 600"))
  }

  @Test func `a held lock makes check exit 75`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    try FileManager.default.createDirectory(atPath: workspace.stateDir, withIntermediateDirectories: true)
    let holder = try LockHolder.hold("\(workspace.stateDir)/e2e-completed.lock")
    defer { holder.stop() }
    let result = try binary.run(workspace.check("e2e-completed", ["--lock-wait", "0.2"]))
    #expect(result.status == 75)
    #expect(result.stderr.contains("event=lock-busy"))
    #expect(try sink.requests().isEmpty)
  }

  @Test func `a dry run posts nothing and writes nothing`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    let result = try binary.run(workspace.check("e2e-failed", ["--dry-run", "--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    let scope = try scope(result)
    #expect(scope.deliveries.first?.outcome == "dry-run")
    #expect(try sink.requests().isEmpty)
    #expect(!FileManager.default.fileExists(atPath: "\(workspace.stateDir)/e2e-failed.json"))
  }

  @Test func `the decision record has exactly the documented keys`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    let result = try binary.run(workspace.check("e2e-completed", ["--json"]))
    let record = try decision(result)
    #expect(Set(record.keys) == ["run", "scopes"])
    let scope = try #require((record["scopes"] as? [[String: Any]])?.first)
    #expect(Set(scope.keys) == ["scope", "group", "state", "reason", "counts", "machines", "deliveries"])
    #expect(scope["group"] is NSNull)
    #expect(
      Set((scope["counts"] as? [String: Int])?.keys ?? [:].keys) == ["passed", "failed", "pending", "skipped", "flaky"])
    #expect(result.stdout.split(separator: "\n").count == 1, "one JSON object on one line")
  }
}

@Suite("check on closed runs and deadlines, end to end", .timeLimit(.minutes(3)))
struct CheckClosedAndDeadlineTests {
  @Test(arguments: StateKind.allCases)
  func `a closed run is answered from state without reading artifacts`(state: StateKind) throws {
    let workspace = try Workspace()
    try state.use(in: workspace)
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/closed"))
    let binary = try FinishlineBinary.built()
    #expect(try binary.run(workspace.check("e2e-completed")).status == 0)
    // Make the artifacts unreadable: a check that looked at them would fail or change its mind.
    try FileManager.default.removeItem(atPath: workspace.root)
    let again = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stdout.contains("\"state\":\"COMPLETED\""))
    #expect(again.stdout.contains("\"outcome\":\"already-delivered\""))
    #expect(again.stderr.contains("artifacts not read"))
    #expect(try sink.requests().count == 1)
  }

  @Test func `a server that never answers cannot hold the invocation past its deadline`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start(script: "hang")
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/hang"))
    let result = try FinishlineBinary.built().run(workspace.check("e2e-completed", ["--json", "--deadline", "4"]))
    // The request was sent in full and never answered: it may have been acted on.
    #expect(result.stdout.contains("\"outcome\":\"ambiguous\""), "\(result.stdout) \(result.stderr)")
    #expect(result.status == 0)
    #expect(try sink.requests(atLeast: 1).count == 1)
  }
}

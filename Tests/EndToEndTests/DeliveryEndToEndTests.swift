import Foundation
import TestSupport
import Testing

/// The four recorded outcomes through the built binary, against a real local HTTP server
/// that answers as told, through the real libcurl code.
@Suite("delivery outcomes, end to end", .timeLimit(.minutes(3)))
struct DeliveryEndToEndTests {
  func setUp(script: String, port: Int = 0, append: String = "", state: StateKind = .directory) throws -> (
    Workspace, WebhookSink, FinishlineBinary
  ) {
    let workspace = try Workspace()
    try state.use(in: workspace)
    let sink = try WebhookSink.start(script: script, port: port)
    try workspace.configure(webhookURL: sink.url(path: "/hooks/delivery"), append: append)
    return (workspace, sink, try FinishlineBinary.built())
  }

  func delivery(_ result: FinishlineBinary.Result) throws -> DecisionRecord.Delivery {
    try #require(try DecisionRecord.of(result).first?.deliveries.first, "\(result.stdout) \(result.stderr)")
  }

  @Test func `server errors are retried until delivered`() throws {
    let (workspace, sink, binary) = try setUp(script: "500,502,503,200")
    defer { sink.stop() }
    let result = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    let delivery = try delivery(result)
    #expect(delivery.outcome == "delivered")
    #expect(delivery.attempts == 4)
    #expect(try sink.requests().count == 4)
    #expect(try workspace.read("state/e2e-failed.json").contains("\"attempts\" : 4"))
  }

  @Test func `too many requests waits for retry after`() throws {
    let (workspace, sink, binary) = try setUp(script: "429:ra=1,200")
    defer { sink.stop() }
    let result = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try delivery(result).outcome == "delivered")
    #expect(try sink.requests().count == 2)
    let retry = try #require(result.stderr.split(separator: "\n").first { $0.contains("http_status=429") })
    let wait = try #require(retry.split(separator: " ").first { $0.hasPrefix("retry_in=") }?.dropFirst(9).dropLast())
    #expect(try #require(Double(wait)) >= 1, "the wait honours Retry-After: \(retry)")
  }

  @Test(arguments: ["400", "404", "413"])
  func `a rejected request is sent exactly once ever until reset`(_ status: String) throws {
    let (workspace, sink, binary) = try setUp(script: "\(status),200")
    defer { sink.stop() }
    for _ in 0..<3 {
      let result = try binary.run(workspace.check("e2e-failed", ["--json"]))
      #expect(result.status == 69, "\(result.stderr)")
      #expect(try delivery(result).outcome == "terminal-failure")
    }
    #expect(try sink.requests().count == 1)
    let reset = try binary.run(
      ["reset", "e2e-failed", "--delivery", "atvm", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(reset.status == 0, "\(reset.stderr)")
    let after = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(after.status == 0, "\(after.stderr)")
    #expect(try delivery(after).outcome == "delivered")
    #expect(try sink.requests().count == 2)
  }

  @Test(arguments: StateKind.allCases)
  func `a refused connection is left pending and delivered once the server listens`(state: StateKind) throws {
    let port = try LocalPort.unused()
    let workspace = try Workspace()
    try state.use(in: workspace)
    try workspace.configure(webhookURL: "http://127.0.0.1:\(port)/hooks/refused")
    let binary = try FinishlineBinary.built()
    let refused = try binary.run(workspace.check("e2e-failed", ["--json", "--deadline", "5"]))
    #expect(refused.status == 69, "\(refused.stderr)")
    #expect(try delivery(refused).outcome == "transient-failure")
    let sink = try WebhookSink.start(port: port)
    defer { sink.stop() }
    for _ in 0..<2 {
      let result = try binary.run(workspace.check("e2e-failed", ["--json"]))
      #expect(result.status == 0, "\(result.stderr)")
    }
    #expect(try sink.requests().count == 1)
  }

  @Test(arguments: StateKind.allCases)
  func `a server that never answers is ambiguous and not resent`(state: StateKind) throws {
    let (workspace, sink, binary) = try setUp(script: "hang,200", state: state)
    defer { sink.stop() }
    let first = try binary.run(workspace.check("e2e-failed", ["--json", "--deadline", "4"]))
    #expect(try delivery(first).outcome == "ambiguous", "\(first.stderr)")
    let second = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(try delivery(second).outcome == "ambiguous")
    #expect(second.stderr.contains("level=warning event=ambiguous"), "flagged for an operator: \(second.stderr)")
    let third = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(!third.stderr.contains("level=warning event=ambiguous"), "at most once: \(third.stderr)")
    #expect(try sink.requests(atLeast: 1).count == 1, "not resent")
  }

  @Test(arguments: StateKind.allCases)
  func `an ambiguous send is resent when the target asks for it`(state: StateKind) throws {
    let (workspace, sink, binary) = try setUp(script: "hang,200", state: state)
    defer { sink.stop() }
    let text = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
      .replacingOccurrences(of: "# on_ambiguous = \"skip\"", with: "on_ambiguous = \"resend\"")
    try text.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
    _ = try binary.run(workspace.check("e2e-failed", ["--json", "--deadline", "4"]))
    let second = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(try delivery(second).outcome == "delivered", "\(second.stderr)")
    #expect(try sink.requests().count == 2)
  }

  @Test(arguments: ["skip", "resend"], StateKind.allCases)
  func `a sender killed mid flight leaves an ambiguous intent`(_ policy: String, state: StateKind) throws {
    let (workspace, sink, binary) = try setUp(script: "hang,200", state: state)
    defer { sink.stop() }
    let text = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
      .replacingOccurrences(of: "# on_ambiguous = \"skip\"", with: "on_ambiguous = \"\(policy)\"")
    try text.write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
    let sender = try binary.start(workspace.check("e2e-failed", ["--deadline", "60"]))
    _ = try sink.requests(atLeast: 1)
    sender.child.stop()
    let next = try binary.run(workspace.check("e2e-failed", ["--json"]))
    if policy == "skip" {
      #expect(try delivery(next).outcome == "ambiguous", "\(next.stderr)")
      #expect(try sink.requests().count == 1, "not resent")
    } else {
      #expect(try delivery(next).outcome == "delivered", "\(next.stderr)")
      #expect(try sink.requests().count == 2, "resent once")
    }
  }
}

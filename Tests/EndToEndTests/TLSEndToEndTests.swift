import Foundation
import TestSupport
import Testing

/// A self-hosted chat server with a private CA, through the built binary.
@Suite("TLS with a private CA, end to end", .timeLimit(.minutes(3)))
struct TLSEndToEndTests {
  static let run = """
    mochawesome = "results/{run}/*.json"
    runner_match = 'cypress run .*{run} {token}'
    """

  func setUp(target: String = "", wrongName: Bool = false) throws -> (Workspace, WebhookSink, TestCertificates) {
    let certificates = try TestCertificates.make()
    let workspace = try Workspace()
    let sink = try WebhookSink.start(tls: wrongName ? certificates.wrongName : certificates.server)
    try workspace.configure(
      run: Self.run, target: target.replacingOccurrences(of: "{ca}", with: certificates.caFile),
      webhookURL: sink.url(path: "/hooks/t0psecret"))
    try workspace.place("merge-search.json", at: "results/B-70/search.json", secondsAgo: 600)
    return (workspace, sink, certificates)
  }

  @Test func `a target with its CA file is posted`() throws {
    let (workspace, sink, certificates) = try setUp(target: "ca_file = \"{ca}\"")
    defer {
      sink.stop()
      withExtendedLifetime(certificates) {}
    }
    let result = try FinishlineBinary.built().run(workspace.check("B-70", ["--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains(#""outcome":"delivered""#), "\(result.stdout)")
    #expect(try sink.requests().count == 1)
  }

  @Test func `curl CA bundle in the environment is trusted too`() throws {
    let (workspace, sink, certificates) = try setUp()
    defer { sink.stop() }
    let result = try FinishlineBinary.built().run(
      workspace.check("B-70", ["--json"]), environment: ["CURL_CA_BUNDLE": certificates.caFile])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try sink.requests().count == 1)
  }

  @Test func `an untrusted certificate is terminal not retried and says what to set`() throws {
    let (workspace, sink, _) = try setUp()
    defer { sink.stop() }
    let binary = try FinishlineBinary.built()
    let first = try binary.run(workspace.check("B-70", ["--json"]))
    #expect(first.status == 69, "\(first.stderr)")
    #expect(first.stdout.contains(#""outcome":"terminal-failure","attempts":1"#), "one attempt: \(first.stdout)")
    #expect(first.stderr.contains("TLS certificate of 127.0.0.1 does not verify"), "\(first.stderr)")
    #expect(first.stderr.contains("set `ca_file"), "\(first.stderr)")
    let state = try workspace.stateContents()
    #expect(!first.stderr.contains("t0psecret") && !state.contains("t0psecret"))
    let second = try binary.run(workspace.check("B-70", ["--json"]))
    #expect(second.stdout.contains(#""attempts":1"#), "not retried by the next check: \(second.stdout)")
    #expect(second.stderr.contains("finishline reset B-70 --delivery"), "\(second.stderr)")
  }

  /// SPEC §6.1: a wrong name says which names the certificate is for; after the terminal
  /// failure `status --closed` lets the watch stop but says what to do, and doing it posts.
  @Test func `a certificate for another name says its names and the operator recovers with reset`() throws {
    let (workspace, sink, certificates) = try setUp(target: "ca_file = \"{ca}\"", wrongName: true)
    let binary = try FinishlineBinary.built()
    let first = try binary.run(workspace.check("B-70", ["--json"]))
    #expect(first.status == 69, "\(first.stderr)")
    #expect(first.stderr.contains("(wrong name)"), "\(first.stderr)")
    #expect(
      first.stderr.contains("the certificate is issued for other.example, not 127.0.0.1"), "\(first.stderr)")
    #expect(
      first.stderr.contains(
        "event=delivery-terminal run=B-70 scope=B-70 target=atvm next=\"fix the cause, then run `finishline reset"
          + " B-70 --delivery atvm` and `finishline check --run B-70`\""),
      "the check's log says what to do next: \(first.stderr)")
    let closed = try binary.run(
      ["status", "B-70", "--closed", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(closed.status == 0, "the watch stops: nothing retries a terminal failure")
    #expect(closed.stderr.contains("B-70: the COMPLETED post to atvm failed terminally"), "\(closed.stderr)")
    #expect(closed.stderr.contains("`finishline reset B-70 --delivery atvm`"), "\(closed.stderr)")
    #expect(!closed.stderr.contains("t0psecret"), "\(closed.stderr)")
    // The operator fixes the server's certificate, then follows the steps.
    let port = sink.port
    sink.stop()
    let fixed = try WebhookSink.start(port: port, tls: certificates.server)
    defer { fixed.stop() }
    let reset = try binary.run(
      ["reset", "B-70", "--delivery", "atvm", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(reset.status == 0, "\(reset.stderr)")
    let again = try binary.run(workspace.check("B-70", ["--json"]))
    #expect(again.status == 0 && again.stdout.contains(#""outcome":"delivered""#), "\(again.stdout) \(again.stderr)")
    #expect(try fixed.requests().count == 1)
  }
}

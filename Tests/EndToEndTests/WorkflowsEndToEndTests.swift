import Foundation
import TestSupport
import Testing

/// Never lost, never twice, however finishline is invoked: discovered groups, sub-runs checked
/// by their own name, build names that prefix each other, the Jenkins post step.
@Suite("workflows, end to end", .timeLimit(.minutes(2)))
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
    let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    let scopes = (object?["scopes"] as? [[String: Any]]) ?? []
    var states: [String: String] = [:]
    for scope in scopes { states[scope["scope"] as? String ?? ""] = scope["state"] as? String }
    return (states, ())
  }

  /// One group of P runs: its runner starts, writes results and its end marker, and exits.
  static func runGroup(_ group: String, in workspace: Workspace, check: () throws -> Void) throws {
    let runner = try workspace.startRunner("P-\(group)")
    try workspace.place("merge-search.json", at: "results/P-\(group)/search.json")
    try check()
    try workspace.write(Data("done\n".utf8), at: "results/P-\(group)/done")
    runner.stop()
  }

  @Test func discoveredGroupsThatStartAfterThePreviousRunnerDiedAreEachPostedOnce() throws {
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
    }
    #expect(try sink.requests().count == 2, "each discovered group posted once")

    try workspace.write(Data("done\n".utf8), at: "results/P/done")
    _ = try check()
    let closed = try binary.run(
      ["status", "P", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(closed.stdout.contains("all 2 groups closed"), "\(closed.stdout)")
    _ = try check()
    #expect(try sink.requests().count == 2)
  }
}

import Foundation
import TestSupport
import Testing

/// Crashes and faults at the worst moments, through the built binary: inside the state write
/// (an LD_PRELOAD shim stops or fails one `rename(2)`), right after a post went out, and past
/// the invocation's deadline. Each must leave a whole state file, no second post and no loss.
@Suite("crashes and faults, end to end", .timeLimit(.minutes(3)))
struct CrashEndToEndTests {
  func setUp() throws -> (Workspace, WebhookSink, FinishlineBinary) {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    try workspace.configure(webhookURL: sink.url(path: "/hooks/crash"))
    return (workspace, sink, try FinishlineBinary.built())
  }

  func delivery(_ workspace: Workspace, run: String) throws -> [String: Any]? {
    let data = try Data(contentsOf: URL(fileURLWithPath: "\(workspace.stateDir)/\(run).json"))
    let state = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "a whole JSON file")
    let scope = (state["scopes"] as? [[String: Any]])?.first
    return (scope?["deliveries"] as? [[String: Any]])?.first
  }

  @Test func `a post followed by a failed state write exits 73 and is never sent again`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    // Rename 1 records the intent; rename 2 would record the delivery: it fails as on a full disk.
    let failed = try binary.run(
      workspace.check("e2e-failed", ["--json"]), environment: try FaultShim.environment(rename: 2, .fail))
    #expect(failed.status == 73, "\(failed.stderr)")
    #expect(failed.stderr.contains("No space left on device"), "\(failed.stderr)")
    #expect(try sink.requests(atLeast: 1).count == 1, "the post went out before the write failed")
    #expect(try delivery(workspace, run: "e2e-failed")?["outcome"] as? String == "in-flight", "the intent survived")

    let next = try binary.run(workspace.check("e2e-failed", ["--json"]))
    #expect(next.status == 0, "\(next.stderr)")
    #expect(next.stderr.contains("level=warning event=ambiguous"), "flagged for an operator: \(next.stderr)")
    #expect(try sink.requests().count == 1, "never sent twice")
    #expect(try delivery(workspace, run: "e2e-failed")?["outcome"] as? String == "ambiguous")

    // Flagged in `status` until an operator resets the delivery.
    let common = ["--config", workspace.configPath, "--env-file", workspace.envFile]
    let status = try binary.run(["status", "e2e-failed"] + common)
    #expect(status.stdout.contains("atvm:ambiguous"), "\(status.stdout)")
    let reset = try binary.run(["reset", "e2e-failed", "--delivery", "atvm"] + common)
    #expect(reset.status == 0, "\(reset.stderr)")
    #expect(try !binary.run(["status", "e2e-failed"] + common).stdout.contains("ambiguous"))
  }

  @Test(
    arguments: [
      (1, FaultShim.Action.stopBefore), (1, .stopAfter), (2, .stopBefore), (2, .stopAfter), (3, .stopBefore),
      (3, .stopAfter),
    ])
  func `a kill inside the state write leaves a whole file and no second post`(rename: Int, action: FaultShim.Action)
    throws
  {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    let running = try binary.start(
      workspace.check("e2e-failed"), environment: try FaultShim.environment(rename: rename, action))
    #expect(FaultShim.waitUntilStopped(running.child), "the shim stopped the check at rename \(rename)")
    running.child.stop()
    // Whatever the kill left is a whole state file (or none yet), never a torn one.
    if FileManager.default.fileExists(atPath: "\(workspace.stateDir)/e2e-failed.json") {
      _ = try delivery(workspace, run: "e2e-failed")
    }
    for _ in 0..<3 {
      let next = try binary.run(workspace.check("e2e-failed"))
      #expect(next.status == 0, "\(next.stderr)")
    }
    let posts = try sink.requests().count
    let outcome = try delivery(workspace, run: "e2e-failed")?["outcome"] as? String
    #expect(posts <= 1, "no duplicate")
    #expect(outcome == "delivered" || outcome == "ambiguous", "owed, so delivered or flagged: \(outcome ?? "none")")
    #expect(posts == 1 || outcome == "ambiguous", "never lost")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.stateDir).filter {
      $0.contains(".corrupt-")
    }
    #expect(leftovers.isEmpty, "nothing was torn: \(leftovers)")
  }

  @Test func `a check still blocked past its deadline exits 70 instead of hanging`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    try FileManager.default.createDirectory(atPath: workspace.stateDir, withIntermediateDirectories: true)
    let holder = try LockHolder.hold("\(workspace.stateDir)/e2e-failed.lock")
    defer { holder.stop() }
    // The lock wait outlasts the deadline: the watchdog ends the invocation 5 s after it.
    let result = try binary.run(workspace.check("e2e-failed", ["--deadline", "1s", "--lock-wait", "60s"]))
    #expect(result.status == 70, "\(result.stderr)")
    #expect(result.stderr.contains("event=deadline-exceeded"), "\(result.stderr)")
    #expect(try sink.requests().isEmpty)
  }
}

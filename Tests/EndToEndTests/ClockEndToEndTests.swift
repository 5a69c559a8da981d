import Foundation
import TestSupport
import Testing

/// The binary living through its grace windows, with its clock moved by libfaketime (no clock
/// seam in the product): what one tick records, the next tick reads.
@Suite("time carried between invocations", .timeLimit(.minutes(3)))
struct ClockEndToEndTests {
  struct Setup {
    let workspace: Workspace
    let sink: WebhookSink
    let binary: FinishlineBinary

    init(run: String, script: String = "200", target: String = "") throws {
      workspace = try Workspace()
      sink = try WebhookSink.start(script: script)
      binary = try FinishlineBinary.built()
      try workspace.configure(
        run: run, policy: "", on: #"["completed", "failed"]"#, target: target,
        webhookURL: sink.url(path: "/hooks/clock"))
    }

    /// `check --json` as if it ran `seconds` from now; the state and exit status.
    func check(_ run: String, at seconds: Int, _ extra: [String] = []) throws -> (
      state: String?, reason: String, status: Int32, stdout: String
    ) {
      let clock = seconds == 0 ? binary : try FakeClock.ahead(of: binary, by: seconds)
      let result = try clock.run(workspace.check(run, ["--json"] + extra))
      // A check that exits with a usage error prints no record: its state is nil, its reason stderr.
      let scope = (try? DecisionRecord.of(result))?.first
      return (scope?.state, scope?.reason ?? result.stderr, result.status, result.stdout)
    }
  }

  static let cypress = """
    mochawesome = "results/{run}/{machine}/*.json"
    status_logs = "logs/{run}.log"
    runner_match = 'cypress run .*{run} {token}'
    """

  @Test func `a runner seen on one tick and gone on the next gets its settle grace then is terminated`() throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.write(
      Data("2026-12-01 08:00:00 vm-01 RUNNING\n".utf8), at: "logs/C-1.log", secondsAgo: 600)
    let runner = try setup.workspace.startRunner("C-1")
    #expect(try setup.check("C-1", at: 0).state == "RUNNING")
    runner.stop()
    let grace = try setup.check("C-1", at: 30)
    #expect(grace.state == "RUNNING", "gone 30s of 2m settle: \(grace.reason)")
    #expect(grace.reason.contains("settle"), "\(grace.reason)")
    let later = try setup.check("C-1", at: 180)
    #expect(later.state == "TERMINATED", "\(later.reason)")
    #expect(try setup.sink.requests().isEmpty)
  }

  @Test func `an unreadable report is undecided until unknown_after then unknown`() throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.write(Data(#"{"results": [{"title": "#.utf8), at: "results/C-2/vm-01/a.json", secondsAgo: 60)
    #expect(try setup.check("C-2", at: 0).state == "RUNNING")
    let undecided = try setup.check("C-2", at: 300)
    #expect(undecided.state == "RUNNING" && undecided.reason.contains("unknown_after"), "\(undecided.reason)")
    let unknown = try setup.check("C-2", at: 1_200)
    #expect(unknown.state == "UNKNOWN" && unknown.reason.contains("truncated JSON"), "\(unknown.reason)")
  }

  @Test func `a run watched longer than max_runtime is hung`() throws {
    let setup = try Setup(run: Self.cypress)
    defer { setup.sink.stop() }
    try setup.workspace.write(Data("2026-12-01 08:00:00 vm-01 RUNNING\n".utf8), at: "logs/C-3.log")
    let runner = try setup.workspace.startRunner("C-3")
    defer { runner.stop() }
    #expect(try setup.check("C-3", at: 0).state == "RUNNING")
    let hung = try setup.check("C-3", at: 13 * 3_600)
    #expect(hung.state == "HUNG" && hung.reason.contains("max_runtime 12h"), "\(hung.reason)")
  }

  @Test func `a delivery still failing after give_up_after expires and is not sent again`() throws {
    let setup = try Setup(run: Self.cypress, script: "503")
    defer { setup.sink.stop() }
    try setup.workspace.place("merge-search.json", at: "results/C-4/vm-01/search.json", secondsAgo: 600)
    let first = try setup.check("C-4", at: 0, ["--deadline", "4s"])
    #expect(first.status == 69 && first.stdout.contains(#""outcome":"transient-failure""#), "\(first.stdout)")
    let sent = try setup.sink.requests().count
    let expired = try setup.check("C-4", at: 25 * 3_600)
    #expect(expired.status == 69, "a terminal failure is still a failing delivery")
    #expect(expired.stdout.contains(#""outcome":"terminal-failure""#), "\(expired.stdout)")
    #expect(try setup.sink.requests().count == sent, "expired: nothing more is sent")
  }

  @Test func `one target delivered and another failing retries only the failing one`() throws {
    let other = try WebhookSink.start(script: "503,503,503,503,503,503,503,503,503,503,200")
    defer { other.stop() }
    let setup = try Setup(
      run: Self.cypress,
      target: """
        [[notify]]
        name = "audit"
        type = "webhook"
        url = "\(other.url(path: "/audit"))"
        on = ["completed", "failed"]
        """)
    defer { setup.sink.stop() }
    try setup.workspace.place("merge-search.json", at: "results/C-5/vm-01/search.json", secondsAgo: 600)
    let first = try setup.check("C-5", at: 0, ["--deadline", "4s"])
    #expect(first.status == 69, "\(first.stdout)")
    #expect(first.stdout.contains(#"{"target":"atvm","outcome":"delivered","attempts":1}"#), "\(first.stdout)")
    #expect(first.stdout.contains(#"{"target":"audit","outcome":"transient-failure""#), "\(first.stdout)")
    var status: Int32 = 69
    for tick in 1...4 where status == 69 {
      status = try setup.check("C-5", at: tick * 60, ["--deadline", "8s"]).status
    }
    #expect(status == 0, "the failing target is delivered in the end")
    #expect(try setup.sink.requests().count == 1, "the delivered target is never resent")
    #expect(try other.requests().last?.path == "/audit")
  }
}

import Foundation
import TestSupport
import Testing

/// State in PostgreSQL (SPEC §7) through the built binary: two "hosts" (two configurations
/// with different state directories) sharing one real database that `scripts/test` started.
@Suite("state in PostgreSQL, end to end", .timeLimit(.minutes(4)))
struct PostgresStateEndToEndTests {
  @Test func `two hosts share one ledger and one status`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    let first = try hosts.check("e2e-failed", ["--json"])
    #expect(first.status == 0 && hosts.outcome(first) == "delivered", "\(first.stderr)")
    #expect(first.stderr.contains("created finishline's tables"), "\(first.stderr)")
    let second = try hosts.check("e2e-failed", onB: true, ["--json"])
    #expect(second.status == 0 && hosts.outcome(second) == "already-delivered", "\(second.stderr)")
    #expect(try hosts.sink.requests().count == 1)
    let status = try hosts.command(["status"], onB: true)
    #expect(status.status == 0 && status.stdout.contains("e2e-failed"), "\(status.stdout) \(status.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: "\(hosts.workspace.stateDir)/e2e-failed.json"),
      "the run's state is in the database, not in a file")
    hosts.expectNoPassword([first, second, status])
  }

  @Test func `two hundred checks split across two hosts post once`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    try hosts.createSchema()  // so the racers race the run, not the DDL (which is safe too)
    let started = try (0..<200).map { index in
      var arguments = hosts.workspace.check("e2e-failed", ["--lock-wait", "120", "--deadline", "60"])
      if index % 2 == 1 { arguments[2] = hosts.hostB }
      return try hosts.binary.start(arguments)
    }
    let results = started.map { $0.wait() }
    #expect(results.allSatisfy { $0.status == 0 }, "\(Set(results.map(\.status))) \(results.first?.stderr ?? "")")
    #expect(try hosts.sink.requests().count == 1)
    #expect(results.filter { $0.stderr.contains("event=duplicate-prevented") }.count == 199)
    hosts.expectNoPassword(results)
  }

  @Test func `parent and sub run checks on two hosts post each group once`() throws {
    let hosts = try FleetHosts.make(settings: ["groups": #"["smoke", "billing", "admin"]"#])
    defer { hosts.sink.stop() }
    try hosts.workspace.age(3 * 3600, matching: "e2e-categorized-smoke")
    try hosts.workspace.age(2 * 3600, matching: "e2e-categorized-billing")
    try hosts.createSchema()
    let started = try (0..<40).map { index in
      let byParent = index % 2 == 0
      let run = byParent ? "e2e-categorized" : ["e2e-categorized-smoke", "e2e-categorized-billing"][index / 2 % 2]
      var arguments = hosts.workspace.check(run, (byParent ? ["--categorize"] : []) + ["--lock-wait", "120"])
      if index % 4 < 2 { arguments[2] = hosts.hostB }
      return try hosts.binary.start(arguments)
    }
    let results = started.map { $0.wait() }
    #expect(results.allSatisfy { $0.status == 0 }, "\(Set(results.map(\.status))) \(results.first?.stderr ?? "")")
    let scopes = try hosts.sink.requests().compactMap { request -> String? in
      let body = try JSONSerialization.jsonObject(with: Data(request.body.utf8)) as? [String: Any]
      return (body?["text"] as? String)?.split(separator: "\n").first.map(String.init)
    }
    #expect(scopes.count == 2, "smoke and billing once each: \(scopes)")
    #expect(scopes.filter { $0.contains("smoke") }.count == 1 && scopes.filter { $0.contains("billing") }.count == 1)
  }

  @Test func `a run held on another host makes check exit 75`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    try hosts.createSchema()
    let holder = try hosts.server.session(
      "SELECT pg_advisory_lock(\(FleetHosts.lockClass), hashtext('e2e-failed'))",
      database: hosts.workspace.stateURL ?? "")
    defer { holder.end() }
    try Self.waitForLocks(hosts, granted: 1)
    let busy = try hosts.check("e2e-failed", ["--lock-wait", "1"])
    #expect(busy.status == 75, "\(busy.stderr)")
    #expect(busy.stderr.contains("event=lock-busy"))
    #expect(try hosts.sink.requests().isEmpty)
    holder.end()
    let after = try hosts.check("e2e-failed", onB: true, ["--lock-wait", "30"])
    #expect(after.status == 0, "\(after.stderr)")
    #expect(try hosts.sink.requests().count == 1)
  }

  /// Polls `pg_locks` (boundedly) until finishline's advisory locks number `granted` held and
  /// `waiting` waited on.
  static func waitForLocks(_ hosts: FleetHosts, granted: Int, waiting: Int = 0) throws {
    let query = """
      SELECT count(*) FILTER (WHERE granted) || ' ' || count(*) FILTER (WHERE NOT granted)
      FROM pg_locks WHERE locktype = 'advisory' AND classid = \(FleetHosts.lockClass)
      """
    var seen = ""
    for _ in 0..<400 {
      seen = try hosts.server.psql(query, database: hosts.workspace.stateURL)
      if seen == "\(granted) \(waiting)" { return }
      usleep(25_000)
    }
    Issue.record("advisory locks: \(seen), expected \(granted) granted and \(waiting) waiting")
  }

  @Test func `a claim held by another live session is left to it and taken once it ends`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    try hosts.createSchema()
    // Another "host" claimed this delivery and is still connected: its post may be in flight.
    let claimer = try hosts.server.session(
      """
      INSERT INTO finishline_deliveries (scope, target, kind, run, outcome, holder, holder_pid, holder_start, lease_until)
      SELECT 'e2e-failed', 'atvm', 'final', 'e2e-failed', 'in-flight', 'other-host:1', pg_backend_pid(),
        backend_start, now() + interval '1 hour' FROM pg_stat_activity WHERE pid = pg_backend_pid()
      """, database: hosts.workspace.stateURL ?? "")
    defer { claimer.end() }
    var claimed = false
    for _ in 0..<400 where !claimed {
      claimed =
        try hosts.server.psql("SELECT count(*) FROM finishline_deliveries", database: hosts.workspace.stateURL) == "1"
      if !claimed { usleep(25_000) }
    }
    let left = try hosts.check("e2e-failed", ["--json"])
    #expect(hosts.outcome(left) == "pending", "\(left.stdout) \(left.stderr)")
    #expect(left.stderr.contains("event=claimed-elsewhere") && left.stderr.contains("other-host:1"), "\(left.stderr)")
    #expect(try hosts.sink.requests().isEmpty)
    claimer.end()
    var taken: FinishlineBinary.Result?
    for _ in 0..<40 where taken.map({ hosts.outcome($0) != "delivered" }) ?? true {
      taken = try hosts.check("e2e-failed", onB: true, ["--json"])
      if hosts.outcome(taken ?? left) != "delivered" { usleep(100_000) }
    }
    #expect(taken.map(hosts.outcome) == "delivered", "\(taken?.stderr ?? "")")
    _ = try hosts.check("e2e-failed")
    #expect(try hosts.sink.requests().count == 1)
  }

  @Test func `a delivery the ledger knows is never sent again even if the run record is gone`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    #expect(try hosts.check("e2e-completed").status == 0)
    // The run's record lost (restored from an old backup, say); the ledger's row remains.
    try hosts.server.psql("DELETE FROM finishline_runs", database: hosts.workspace.stateURL)
    let again = try hosts.check("e2e-completed", onB: true, ["--json"])
    #expect(hosts.outcome(again) == "already-delivered", "\(again.stdout) \(again.stderr)")
    #expect(again.stderr.contains("the shared ledger says"), "\(again.stderr)")
    #expect(try hosts.sink.requests().count == 1)
  }

  @Test func `a run cancelled on one host is cancelled on the other until a reset`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    let cancel = try hosts.command(["cancel", "e2e-failed", "--reason", "bad build", "--force"], onB: true)
    #expect(cancel.status == 0 && cancel.stdout.contains("finishline_cancels"), "\(cancel.stdout) \(cancel.stderr)")
    #expect(!FileManager.default.fileExists(atPath: "\(hosts.workspace.stateDir)-b/e2e-failed.cancel"))
    let cancelled = try hosts.check("e2e-failed", ["--json"])
    #expect(cancelled.stdout.contains(#""state":"CANCELLED""#), "\(cancelled.stdout) \(cancelled.stderr)")
    #expect(cancelled.stdout.contains("bad build"), "\(cancelled.stdout)")
    #expect(try hosts.sink.requests().isEmpty)
    let reset = try hosts.command(["reset", "e2e-failed"])
    #expect(reset.stdout.contains("removed the cancellation"), "\(reset.stdout) \(reset.stderr)")
    let reopened = try hosts.check("e2e-failed", onB: true, ["--json"])
    #expect(reopened.stdout.contains(#""state":"FAILED""#), "\(reopened.stdout) \(reopened.stderr)")
    #expect(try hosts.sink.requests().count == 1)
  }
}

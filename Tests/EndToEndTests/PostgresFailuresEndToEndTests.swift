import Foundation
import TestSupport
import Testing

/// What the state database's failures do to a check (SPEC §7, §9): unreachable and stopped
/// are 75 with nothing posted and nothing lost, a refused login 78, a refused write 73, a newer
/// schema 65; and never the password, in any output.
@Suite("state database failures, end to end", .timeLimit(.minutes(4)))
struct PostgresFailuresEndToEndTests {
  @Test func `a database stopped during a check exits 75 and the next check after it is back posts once`() throws {
    let server = try PostgresServer.start()
    let hosts = try FleetHosts.make(server: server, database: server.url)
    defer { hosts.sink.stop() }
    try hosts.createSchema()
    // Another host holds the run while this check waits for it; then the database stops.
    let holder = try server.session(
      "SELECT pg_advisory_lock(\(FleetHosts.lockClass), hashtext('e2e-failed'))", database: server.url)
    defer { holder.end() }
    try PostgresStateEndToEndTests.waitForLocks(hosts, granted: 1)
    let waiting = try hosts.binary.start(hosts.workspace.check("e2e-failed", ["--lock-wait", "60"]))
    try PostgresStateEndToEndTests.waitForLocks(hosts, granted: 1, waiting: 1)
    try server.stop()
    let stopped = waiting.wait()
    #expect(stopped.status == 75, "\(stopped.stderr)")
    #expect(stopped.stderr.contains("is not available"), "\(stopped.stderr)")
    let down = try hosts.check("e2e-failed", onB: true, ["--lock-wait", "2"])
    #expect(down.status == 75, "\(down.stderr)")
    #expect(try hosts.sink.requests().isEmpty, "nothing posted while the database was away")
    try server.restart()
    let back = try hosts.check("e2e-failed", onB: true, ["--json"])
    #expect(back.status == 0 && hosts.outcome(back) == "delivered", "\(back.stderr)")
    let again = try hosts.check("e2e-failed", ["--json"])
    #expect(hosts.outcome(again) == "already-delivered", "\(again.stderr)")
    #expect(try hosts.sink.requests().count == 1)
    hosts.expectNoPassword([stopped, down, back, again])
  }

  /// SPEC §7: the request reached the chat server, then the database went away before the
  /// outcome was recorded. The words must not say "nothing was posted", and the intent recorded
  /// before sending keeps the next check from posting again.
  @Test func `a database lost after the post went out says it may have and the next check does not resend`() throws {
    let server = try PostgresServer.start()
    let hosts = try FleetHosts.make(server: server, script: "200:slow=3000", database: server.url)
    defer { hosts.sink.stop() }
    try hosts.createSchema()
    let checking = try hosts.binary.start(hosts.workspace.check("e2e-failed", ["--json", "--lock-wait", "2"]))
    #expect(try hosts.sink.requests(atLeast: 1).count == 1, "the post reached the server")
    try server.stop()
    let lost = checking.wait()
    #expect(lost.status == 75, "\(lost.stderr)")
    #expect(lost.stderr.contains("was lost after a post was sent"), "\(lost.stderr)")
    #expect(lost.stderr.contains("the post may have gone out"), "\(lost.stderr)")
    #expect(!lost.stderr.contains("nothing was posted"), "\(lost.stderr)")
    try server.restart()
    let next = try hosts.check("e2e-failed", onB: true, ["--json"])
    #expect(next.status == 0, "\(next.stderr)")
    #expect(hosts.outcome(next) == "ambiguous", "flagged for an operator, not resent: \(next.stdout) \(next.stderr)")
    #expect(try hosts.sink.requests().count == 1)
    hosts.expectNoPassword([lost, next])
  }

  @Test func `a post step waiting through a database restart posts once it is back`() throws {
    let server = try PostgresServer.start()
    let hosts = try FleetHosts.make(server: server, settings: ["settle": "\"1s\""], database: server.url)
    defer { hosts.sink.stop() }
    let runner = try hosts.workspace.startRunner("e2e-failed")
    defer { runner.stop() }
    let step = try hosts.binary.start(
      hosts.workspace.check("e2e-failed", ["--wait", "--deadline", "90", "--lock-wait", "2", "--json"]))
    var recorded = false
    for _ in 0..<400 where !recorded {
      recorded =
        (try? server.psql("SELECT count(*) FROM finishline_runs WHERE run = 'e2e-failed'", database: server.url))
        == "1"
      if !recorded { usleep(25_000) }
    }
    #expect(recorded, "the first round recorded the running run")
    try server.stop()
    // Rounds meanwhile fail with 75; whether or not one runs, the next finds its connection
    // gone with the restart and must open another.
    usleep(1_500_000)
    runner.stop()
    try server.restart()
    let result = step.wait()
    #expect(result.status == 0, "\(result.stderr)")
    #expect(hosts.outcome(result) == "delivered", "\(result.stdout) \(result.stderr)")
    #expect(try hosts.sink.requests().count == 1)
    hosts.expectNoPassword([result])
  }

  @Test func `an unreachable database exits 75 within the lock wait and posts nothing`() throws {
    let hosts = try FleetHosts.make(
      database: "postgresql://finishline:n0tThePassw0rd@127.0.0.1:\(LocalPort.unused())/x")
    defer { hosts.sink.stop() }
    let result = try hosts.check("e2e-failed", ["--lock-wait", "2"])
    #expect(result.status == 75, "\(result.stderr)")
    #expect(
      result.stderr.contains("postgresql://finishline@127.0.0.1:"), "named without its password: \(result.stderr)")
    #expect(!result.stderr.contains("n0tThePassw0rd"))
    #expect(try hosts.sink.requests().isEmpty)
  }

  @Test func `a refused password exits 78 naming the URL without it`() throws {
    let server = try PostgresServer.shared.get()
    let wrong = try server.database().replacingOccurrences(of: server.password, with: "Wr0ngPassw0rd")
    let hosts = try FleetHosts.make(database: wrong)
    defer { hosts.sink.stop() }
    let results = try [
      hosts.check("e2e-failed"), hosts.command(["status"]), hosts.command(["reset", "e2e-failed"]),
      hosts.command(["alerts", "list"]),
    ]
    for result in results {
      #expect(result.status == 78, "\(result.stderr)")
      #expect(result.stderr.contains("password authentication failed"), "\(result.stderr)")
      #expect(!result.stderr.contains("Wr0ngPassw0rd") && !result.stdout.contains("Wr0ngPassw0rd"))
    }
    #expect(try hosts.sink.requests().isEmpty)
  }

  @Test func `a refused write exits 73 posts nothing and keeps what was recorded`() throws {
    let server = try PostgresServer.shared.get()
    let database = try server.database()
    let hosts = try FleetHosts.make(database: database)
    defer { hosts.sink.stop() }
    let runner = try hosts.workspace.startRunner("e2e-failed")
    defer { runner.stop() }
    #expect(try hosts.check("e2e-failed").status == 0, "RUNNING: recorded, nothing posted")
    runner.stop()
    let before = try server.psql("SELECT record FROM finishline_runs", database: database)
    let frozen = database.replacingOccurrences(of: "//finishline:", with: "//frozen:")
    let text = try String(contentsOfFile: hosts.hostB, encoding: .utf8).replacingOccurrences(of: database, with: frozen)
    try text.write(toFile: hosts.hostB, atomically: true, encoding: .utf8)
    let refused = try hosts.check("e2e-failed", onB: true)
    #expect(refused.status == 73, "\(refused.stderr)")
    #expect(refused.stderr.contains("read-only"), "\(refused.stderr)")
    #expect(try hosts.sink.requests().isEmpty)
    #expect(try server.psql("SELECT record FROM finishline_runs", database: database) == before)
    hosts.expectNoPassword([refused])
  }

  @Test func `a newer schema is refused with 65 and left as it is`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    let database = hosts.workspace.stateURL ?? ""
    try hosts.createSchema()
    try hosts.server.psql("INSERT INTO finishline_schema (version) VALUES (99)", database: database)
    let before = try hosts.server.psql("SELECT string_agg(run || record, ',') FROM finishline_runs", database: database)
    let result = try hosts.check("e2e-failed")
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("schema version 99"), "\(result.stderr)")
    #expect(try hosts.command(["status"]).status == 65)
    #expect(try hosts.sink.requests().isEmpty)
    let after = try hosts.server.psql("SELECT string_agg(run || record, ',') FROM finishline_runs", database: database)
    #expect(after == before)
  }

  @Test func `a database at an earlier schema is upgraded in order and keeps its ledger`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    let database = hosts.workspace.stateURL ?? ""
    let first = try hosts.check("e2e-failed")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("created finishline's tables (schema versions 1 ("), "\(first.stderr)")
    // Back to what 0.4.0 left: its version-1 tables and rows, without the later steps.
    try hosts.server.psql(
      """
      DROP TABLE finishline_series_runs; DROP TABLE finishline_series; DROP INDEX finishline_runs_open;
      DELETE FROM finishline_schema WHERE version > 1
      """, database: database)
    let status = try hosts.command(["status", "--json"])
    #expect(status.status == 0 && status.stdout.contains("\"delivered\""), "an old schema is read as it is")
    let again = try hosts.check("e2e-failed")
    #expect(again.status == 0, "\(again.stderr)")
    #expect(again.stderr.contains("upgraded finishline's tables from schema version 1: applied 2 ("), "\(again.stderr)")
    #expect(again.stderr.contains(", 3 ("), "\(again.stderr)")
    #expect(try hosts.sink.requests().count == 1, "the ledger survived the upgrade: nothing posted twice")
    let versions = try hosts.server.psql(
      "SELECT string_agg(version::text, ',' ORDER BY version) FROM finishline_schema", database: database)
    #expect(versions.trimmingCharacters(in: .whitespacesAndNewlines) == "1,2,3")
    let index = try hosts.server.psql(
      "SELECT count(*) FROM pg_indexes WHERE indexname = 'finishline_runs_open'", database: database)
    #expect(index.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
    let third = try hosts.check("e2e-failed")
    #expect(!third.stderr.contains("upgraded"), "each step once")
  }

  @Test func `state migrate imports a directory so nothing is posted twice`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    let fileConfig = hosts.workspace.directory.appendingPathComponent("files.toml").path
    let database = hosts.workspace.stateURL ?? ""
    let text = try String(contentsOfFile: hosts.workspace.configPath, encoding: .utf8)
      .replacingOccurrences(of: "state_url = \"\(database)\"\n", with: "")
    try text.write(toFile: fileConfig, atomically: true, encoding: .utf8)
    let files = try hosts.binary.run(
      ["check", "--config", fileConfig, "--env-file", hosts.workspace.envFile, "--run", "e2e-failed"])
    #expect(files.status == 0, "\(files.stderr)")
    #expect(try hosts.sink.requests().count == 1)
    #expect(
      try hosts.binary.run(
        [
          "alerts", "add", "--config", fileConfig, "--job", "nightly-*", "--type", "webhook", "--target",
          "http://127.0.0.1:9/alerts",
        ]).status == 0)
    try "not json".write(toFile: "\(hosts.workspace.stateDir)/broken.json", atomically: true, encoding: .utf8)
    let migrate = try hosts.command(["state", "migrate", "--from-dir", hosts.workspace.stateDir])
    #expect(migrate.status == 65, "the broken file is named: \(migrate.stdout) \(migrate.stderr)")
    #expect(migrate.stdout.contains("imported e2e-failed (1 delivered post(s) in the ledger)"), "\(migrate.stdout)")
    #expect(migrate.stdout.contains("skipped broken"), "\(migrate.stdout)")
    #expect(migrate.stdout.contains("1 alert subscription(s)"), "\(migrate.stdout)")
    let again = try hosts.command(["state", "migrate", "--from-dir", hosts.workspace.stateDir])
    #expect(again.stdout.contains("kept e2e-failed"), "\(again.stdout)")
    let check = try hosts.check("e2e-failed", onB: true, ["--json"])
    #expect(hosts.outcome(check) == "already-delivered", "\(check.stdout) \(check.stderr)")
    #expect(try hosts.sink.requests().count == 1)
    #expect(try hosts.command(["alerts", "list"], onB: true).stdout.contains("nightly-*"))
  }

  @Test func `alerts and reset on one host are seen by the other`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    #expect(try hosts.check("e2e-completed").status == 0)
    let reset = try hosts.command(["reset", "e2e-completed", "--delivery", "atvm", "--resend"], onB: true)
    #expect(reset.status == 0, "\(reset.stderr)")
    let resent = try hosts.check("e2e-completed", ["--json"])
    #expect(hosts.outcome(resent) == "delivered", "the operator asked for it again: \(resent.stderr)")
    #expect(try hosts.sink.requests().count == 2)
    let sinkURL = hosts.sink.url(path: "/hooks/alerts")
    let added = try hosts.command(
      ["alerts", "add", "--job", "e2e-*", "--type", "webhook", "--target", sinkURL, "--on", "failure"], onB: true)
    #expect(added.status == 0, "\(added.stderr)")
    #expect(try hosts.check("e2e-failed").status == 0)
    let paths = try hosts.sink.requests().map(\.path)
    #expect(paths.filter { $0 == "/hooks/alerts" }.count == 1, "\(paths)")
  }

  @Test func `reading a fresh database writes nothing to it`() throws {
    let hosts = try FleetHosts.make()
    defer { hosts.sink.stop() }
    let database = hosts.workspace.stateURL ?? ""
    let reads = try [
      hosts.check("e2e-failed", ["--dry-run", "--json"]), hosts.command(["status"]),
      hosts.command(["status", "--json"]), hosts.command(["alerts", "list"]),
      hosts.binary.run(["explain", "e2e-failed", "--config", hosts.workspace.configPath]),
    ]
    for result in reads { #expect(result.status == 0, "\(result.stdout) \(result.stderr)") }
    #expect(reads[0].stdout.contains(#""outcome":"dry-run""#), "\(reads[0].stdout)")
    let tables = try hosts.server.psql(
      "SELECT count(*) FROM pg_tables WHERE tablename LIKE 'finishline_%'", database: database)
    #expect(tables == "0", "a dry run, status, alerts list and explain create no table")
    #expect(try hosts.sink.requests().isEmpty)
  }
}

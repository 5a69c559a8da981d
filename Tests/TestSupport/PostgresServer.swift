public import Foundation

/// A real PostgreSQL server on a loopback port, run by `scripts/postgres-server` in a
/// temporary directory: the one `scripts/test` started (`FINISHLINE_TEST_POSTGRES` names its
/// directory), or one a test starts for itself to stop and restart.
public final class PostgresServer: @unchecked Sendable {
  /// The directory `scripts/postgres-server` writes `url`, `frozen-url` and `bin` into.
  public let directory: URL
  private let owned: Bool

  private init(directory: URL, owned: Bool) {
    self.directory = directory
    self.owned = owned
  }

  deinit {
    if owned { _ = try? Self.script("remove", directory) }
  }

  /// The server `scripts/test` started, or else one started now for this test process.
  public static let shared: Result<PostgresServer, SupportError> = {
    if let given = ProcessInfo.processInfo.environment["FINISHLINE_TEST_POSTGRES"], !given.isEmpty {
      return .success(PostgresServer(directory: URL(fileURLWithPath: given), owned: false))
    }
    return Result { () throws(SupportError) in
      let server = try start()
      sharedForCleanup = server.directory.path
      atexit { if let path = sharedForCleanup { _ = try? PostgresServer.script("remove", URL(fileURLWithPath: path)) } }
      return server
    }
  }()

  nonisolated(unsafe) private static var sharedForCleanup: String?

  /// A server of this test's own, removed when the value goes.
  public static func start() throws(SupportError) -> PostgresServer {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("finishline-pg-\(UUID().uuidString)")
    let server = PostgresServer(directory: directory, owned: true)
    try script("start", directory)
    return server
  }

  /// The superuser's URL, with its password.
  public var url: String { read("url") }
  /// A role whose every transaction is read-only: writes are refused (SQLSTATE 25006).
  public var frozenURL: String { read("frozen-url") }
  public var password: String {
    let url = self.url
    guard let colon = url.dropFirst("postgresql://".count).firstIndex(of: ":"), let at = url.firstIndex(of: "@") else {
      return ""
    }
    return String(url[url.index(after: colon)..<at])
  }

  /// A fresh database on this server, so tests sharing it never see each other's runs.
  public func database() throws(SupportError) -> String {
    let name = "t_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
    try psql("CREATE DATABASE \(name)")
    return String(url.dropLast("finishline".count)) + name
  }

  /// Runs SQL through `psql` (on `database`, default the server's own); returns its output.
  @discardableResult
  public func psql(_ sql: String, database: String? = nil) throws(SupportError) -> String {
    let out = directory.appendingPathComponent("psql-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(atPath: out.path + ".err")
    }
    let child: ChildProcess
    do {
      child = try ChildProcess.spawn(
        "\(read("bin"))/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database ?? url, "-c", sql],
        stdoutPath: out.path, stderrPath: out.path + ".err")
    } catch {
      throw SupportError("psql did not start: \(error)")
    }
    let status = child.wait(limit: 60)
    let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    guard status == 0 else {
      let stderr = (try? String(contentsOfFile: out.path + ".err", encoding: .utf8)) ?? ""
      throw SupportError("psql exited \(status): \(stderr)")
    }
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// A `psql` session left open after running `sql`, for a lock or a claim held by another
  /// "host"; `end()` ends it on the server too (a killed client's backend would otherwise
  /// sleep on until it next writes to the socket).
  public func session(_ sql: String, database: String) throws -> HeldSession {
    let name = "finishline-test-\(UUID().uuidString.prefix(8))"
    var environment = ProcessInfo.processInfo.environment
    environment["PGAPPNAME"] = name
    let child = try ChildProcess.spawn(
      "\(read("bin"))/psql", ["-X", "-q", "-d", database, "-c", sql, "-c", "SELECT pg_sleep(120)"],
      environment: environment)
    return HeldSession(server: self, database: database, name: name, child: child)
  }

  /// Fast shutdown: every session is ended, as in a database restart or failover.
  public func stop() throws(SupportError) { try Self.script("stop", directory) }
  /// Starts a stopped server again on the same port.
  public func restart() throws(SupportError) { try Self.script("restart", directory) }

  private func read(_ name: String) -> String {
    ((try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  private static func script(_ command: String, _ directory: URL) throws(SupportError) {
    let log = directory.path + ".log"
    let child: ChildProcess
    do {
      child = try ChildProcess.spawn(
        "/bin/bash",
        [RepositoryPaths.root.appendingPathComponent("scripts/postgres-server").path, command, directory.path],
        stdoutPath: "/dev/null", stderrPath: log)
    } catch {
      throw SupportError("scripts/postgres-server did not start: \(error)")
    }
    let status = child.wait(limit: 120)
    guard status == 0 else {
      throw SupportError(
        "scripts/postgres-server \(command) exited \(status): \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")"
      )
    }
  }
}

/// A `psql` session another "host" keeps open.
public final class HeldSession: Sendable {
  let server: PostgresServer
  let database: String
  let name: String
  let child: ChildProcess

  init(server: PostgresServer, database: String, name: String, child: ChildProcess) {
    self.server = server
    self.database = database
    self.name = name
    self.child = child
  }

  /// Ends the session, as the server sees a host go away; safe to call twice.
  public func end() {
    _ = try? server.psql(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '\(name)'", database: database)
    child.stop()
  }
}

internal import FinishlineCore
internal import FinishlineSystem
internal import Glibc
internal import Synchronization

/// The one connection an invocation makes to the state database, opened on first use with
/// the schema's version checked, then shared by every call. The schema is created by the first
/// write to a database that has none; until then reads find it empty, so a dry run, `status`
/// and `explain` write nothing at all.
final class PostgresSession: Sendable {
  let url: DatabaseURL
  /// How long connecting, and waiting on a run's hold, may take (`--lock-wait`).
  let wait: Double
  /// Names this invocation's claims in the ledger: host and process, for operators.
  let holder: String
  private let opened = Mutex<Opened?>(nil)

  struct Opened {
    var connection: PostgresConnection
    /// The schema's version; `nil` on a database finishline has never written to.
    var schemaVersion: Int?
    /// The line for the log when this invocation created or upgraded the schema, until taken.
    var note: String?
    /// Runs held on this connection: while there are any, a dropped connection is not
    /// replaced, since their holds ended with it and nothing may be written without them.
    var holds = 0
  }

  init(url: DatabaseURL, wait: Double) {
    self.url = url
    self.wait = wait
    holder = "\(Self.hostName()):\(getpid())"
  }

  var location: String { url.description }

  /// The open connection, its schema one this build can use; `creating` makes the schema
  /// where there is none. A connection the server dropped is opened again when it holds no
  /// run, so `check --wait` carries on with its next round once the database is back.
  func connection(creating: Bool) throws(StateStoreError) -> Opened {
    try opened.withLock { (opened) throws(StateStoreError) -> Opened in
      var current: Opened
      if let opened, opened.connection.isAlive || opened.holds > 0 {
        current = opened
      } else {
        let connection: PostgresConnection
        do throws(PostgresFailure) {
          connection = try PostgresConnection.open(url, wait: wait, application: "finishline \(holder)")
        } catch {
          throw stateError(error, writing: false)
        }
        current = Opened(connection: connection, schemaVersion: try schemaVersion(connection))
      }
      if creating && current.schemaVersion != PostgresSchema.version {
        current.note = try migrate(current.connection)
        current.schemaVersion = PostgresSchema.version
      }
      opened = current
      return current
    }
  }

  /// Counts a hold taken (`+1`) or given back (`-1`) on the current connection.
  func countHold(_ change: Int) {
    opened.withLock { opened in
      guard var current = opened else { return }
      current.holds = max(0, current.holds + change)
      opened = current
    }
  }

  /// The line for the log when this invocation created the schema, given once.
  func takeNote() -> String? {
    opened.withLock { opened in
      defer { opened?.note = nil }
      return opened?.note
    }
  }

  /// Runs `body` on the connection, turning libpq's failures into the state errors (and exit
  /// codes) of SPEC §7: a write refused is 73, a read refused 65. A write creates the schema
  /// first when the database has none.
  @discardableResult
  func run<Result>(writing: Bool, _ body: (PostgresConnection) throws(PostgresFailure) -> Result)
    throws(StateStoreError) -> Result
  {
    let connection = try connection(creating: writing).connection
    do {
      return try body(connection)
    } catch {
      throw stateError(error, writing: writing)
    }
  }

  /// A read of finishline's tables: `empty` on a database finishline has not written to yet.
  func read<Result>(empty: Result, _ body: (PostgresConnection) throws(PostgresFailure) -> Result)
    throws(StateStoreError) -> Result
  {
    guard try connection(creating: false).schemaVersion != nil else { return empty }
    return try run(writing: false, body)
  }

  /// `body` inside one transaction, rolled back when it fails.
  @discardableResult
  func transaction<Result>(_ body: (PostgresConnection) throws(PostgresFailure) -> Result)
    throws(StateStoreError) -> Result
  {
    try run(writing: true) { (connection) throws(PostgresFailure) -> Result in
      try connection.query("BEGIN")
      do throws(PostgresFailure) {
        let result = try body(connection)
        try connection.query("COMMIT")
        return result
      } catch {
        _ = try? connection.query("ROLLBACK")
        throw error
      }
    }
  }

  func stateError(_ failure: PostgresFailure, writing: Bool) -> StateStoreError {
    switch failure.kind {
    case .unavailable: .unavailable(location: location, reason: failure.description)
    case .refused, .unusable: .refused(location: location, reason: failure.description)
    case .statement:
      writing
        ? .cannotWrite(path: location, reason: failure.description)
        : .unreadable(path: location, reason: failure.description)
    }
  }

  /// The schema's version (an older one is upgraded by the next write, and read as it is until
  /// then: every migration only adds); `nil` when there is none; a newer one is refused.
  private func schemaVersion(_ connection: PostgresConnection) throws(StateStoreError) -> Int? {
    let version: Int?
    do {
      version = try connection.value(PostgresSchema.versionQuery).flatMap { Int($0) }
    } catch  where error.sqlState == "42P01" {
      return nil  // no schema table yet: finishline has never written to this database
    } catch {
      throw stateError(error, writing: false)
    }
    if let version, version > PostgresSchema.version {
      throw .newerSchema(location: location, version: version, known: PostgresSchema.version)
    }
    return version
  }

  /// Applies every migration the database lacks, each in its own transaction behind an advisory
  /// lock; the line for the log, naming each step applied.
  private func migrate(_ connection: PostgresConnection) throws(StateStoreError) -> String {
    let current = try schemaVersion(connection)
    let pending = PostgresSchema.pending(from: current)
    for migration in pending {
      do {
        try connection.script(PostgresSchema.script(migration))
      } catch {
        _ = try? connection.query("ROLLBACK")
        throw stateError(error, writing: true)
      }
    }
    let steps = pending.map { "\($0.version) (\($0.summary))" }.joined(separator: ", ")
    guard let current else { return "created finishline's tables (schema versions \(steps)) in \(location)" }
    return "upgraded finishline's tables from schema version \(current): applied \(steps) in \(location)"
  }

  private static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

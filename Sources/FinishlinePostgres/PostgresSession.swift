internal import FinishlineCore
internal import FinishlineSystem
internal import Glibc
internal import Synchronization

/// The one connection an invocation makes to the state database, opened on first use with
/// the schema checked (and created on a database that has none), then shared by every call.
final class PostgresSession: Sendable {
  let url: DatabaseURL
  /// How long connecting, and waiting on a run's hold, may take (`--lock-wait`).
  let wait: Double
  /// Names this invocation's claims in the ledger: host and process, for operators.
  let holder: String
  private let opened = Mutex<(connection: PostgresConnection, note: String?)?>(nil)

  init(url: DatabaseURL, wait: Double) {
    self.url = url
    self.wait = wait
    holder = "\(Self.hostName()):\(getpid())"
  }

  var location: String { url.description }

  /// The open connection, with a schema this build can use.
  func connection() throws(StateStoreError) -> PostgresConnection {
    try opened.withLock { (opened) throws(StateStoreError) -> PostgresConnection in
      if let opened { return opened.connection }
      let connection: PostgresConnection
      do throws(PostgresFailure) {
        connection = try PostgresConnection.open(url, wait: wait, application: "finishline \(holder)")
      } catch {
        throw stateError(error, writing: false)
      }
      opened = (connection, try ensureSchema(connection))
      return connection
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
  /// codes) of SPEC §7: a write refused is 73, a read refused 65.
  @discardableResult
  func run<Result>(writing: Bool, _ body: (PostgresConnection) throws(PostgresFailure) -> Result)
    throws(StateStoreError) -> Result
  {
    let connection = try connection()
    do {
      return try body(connection)
    } catch {
      throw stateError(error, writing: writing)
    }
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

  /// Checks the schema version, creating the tables on first use; a newer schema is refused.
  private func ensureSchema(_ connection: PostgresConnection) throws(StateStoreError) -> String? {
    let version: Int?
    do {
      version = try connection.query(PostgresSchema.versionQuery).first?.first.flatMap { $0.flatMap { Int($0) } }
    } catch  where error.sqlState == "42P01" {
      version = nil  // no schema table yet: the first use of this database
    } catch {
      throw stateError(error, writing: false)
    }
    if let version, version > PostgresSchema.version {
      throw .newerSchema(location: location, version: version, known: PostgresSchema.version)
    }
    if version == PostgresSchema.version { return nil }
    do {
      try connection.script(PostgresSchema.create)
    } catch {
      _ = try? connection.query("ROLLBACK")
      throw stateError(error, writing: true)
    }
    return "created finishline's tables (schema version \(PostgresSchema.version)) in \(location)"
  }

  private static func hostName() -> String {
    var buffer = [CChar](repeating: 0, count: 256)
    guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }
}

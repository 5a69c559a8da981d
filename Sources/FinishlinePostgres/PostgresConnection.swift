internal import CPQ
internal import FinishlineCore
internal import FinishlineSystem
internal import FoundationEssentials
internal import Glibc

/// One libpq connection, used by one invocation from one thread at a time; closed when the
/// last reference goes, which also ends every session-level lock it holds.
final class PostgresConnection: @unchecked Sendable {
  private let api: UnsafePointer<cpq_api>
  private let connection: OpaquePointer
  private let redact: Redactor

  private init(api: UnsafePointer<cpq_api>, connection: OpaquePointer, redact: Redactor) {
    self.api = api
    self.connection = connection
    self.redact = redact
  }

  deinit { api.pointee.finish(connection) }

  /// Whether the session is still up: libpq knows without a round trip once a statement has
  /// found the server gone (a restart, a failover).
  var isAlive: Bool { api.pointee.status(connection) == CONNECTION_OK }

  /// Connects to `url`, giving up after `wait` seconds (libpq counts whole seconds, at least 2).
  /// Statements that wait on a lock give up after `wait` too; none runs a minute longer.
  static func open(_ url: DatabaseURL, wait: Double, application: String) throws(PostgresFailure)
    -> PostgresConnection
  {
    let library = try PostgresLibrary.shared.get()
    let api = library.api
    let redact = Redactor(secrets: url.secretFragments)
    let milliseconds = max(1, Int((wait * 1000).rounded(.up)))
    let settings: [(String, String)] = [
      ("dbname", url.raw),
      ("connect_timeout", String(max(2, Int(wait.rounded(.up))))),
      ("application_name", application),
      // Notices ("relation already exists, skipping") would reach stderr past the log format.
      (
        "options",
        "-c lock_timeout=\(milliseconds) -c statement_timeout=\(milliseconds + 60_000) -c client_min_messages=error"
      ),
      // A peer that vanishes mid-statement is noticed within the wait, not after TCP's minutes.
      ("tcp_user_timeout", String(milliseconds + 10_000)),
      ("keepalives_idle", "10"),
    ]
    let connection = withCStrings(settings.map(\.0)) { keywords in
      withCStrings(settings.map(\.1)) { values in api.pointee.connectdb_params(keywords, values, 1) }
    }
    guard let connection else { throw PostgresFailure(kind: .unavailable, message: "libpq could not allocate") }
    guard api.pointee.status(connection) == CONNECTION_OK else {
      let message = redact(Self.trimmed(api.pointee.error_message(connection)))
      let kind = PostgresFailure.kind(
        connectionMessage: message, needsPassword: api.pointee.needs_password(connection) != 0)
      api.pointee.finish(connection)
      throw PostgresFailure(kind: kind, message: message)
    }
    return PostgresConnection(api: api, connection: connection, redact: redact)
  }

  /// Runs one statement with text parameters (`$1`, `$2`…; `nil` is NULL); returns its rows.
  @discardableResult
  func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresFailure) -> [[String?]] {
    let result = withCStrings(parameters) { values in
      api.pointee.exec_params(connection, sql, Int32(parameters.count), nil, values, nil, nil, 0)
    }
    return try rows(of: result)
  }

  /// The first column of the first row of a statement's answer; `nil` for no row or NULL.
  func value(_ sql: String, _ parameters: [String?] = []) throws(PostgresFailure) -> String? {
    try query(sql, parameters).first?.first ?? nil
  }

  /// A time the server sent as `extract(epoch FROM …)`.
  static func date(epoch text: String?) -> Date? {
    text.flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
  }

  /// Runs several statements in one round trip (schema changes); no parameters.
  func script(_ sql: String) throws(PostgresFailure) {
    _ = try rows(of: api.pointee.exec(connection, sql))
  }

  private func rows(of result: OpaquePointer?) throws(PostgresFailure) -> [[String?]] {
    defer { if let result { api.pointee.clear(result) } }
    guard let result else { throw failure(nil) }
    let status = api.pointee.result_status(result)
    guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else { throw failure(result) }
    let count = api.pointee.ntuples(result)
    let columns = Int32(api.pointee.nfields(result))
    return (0..<count).map { row in
      (0..<columns).map { column in
        api.pointee.getisnull(result, row, column) != 0
          ? nil : api.pointee.getvalue(result, row, column).map { String(cString: $0) } ?? ""
      }
    }
  }

  private func failure(_ result: OpaquePointer?) -> PostgresFailure {
    let lost = !isAlive
    guard let result else {
      return PostgresFailure(kind: .unavailable, message: redact(Self.trimmed(api.pointee.error_message(connection))))
    }
    let sqlState = api.pointee.result_error_field(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
    let message = redact(Self.trimmed(api.pointee.result_error_message(result)))
    return PostgresFailure(
      kind: PostgresFailure.kind(sqlState: sqlState, connectionLost: lost), message: message, sqlState: sqlState)
  }

  private static func trimmed(_ text: UnsafeMutablePointer<CChar>?) -> String {
    guard let text else { return "no message" }
    let lines = String(cString: text).split(whereSeparator: \.isNewline).map { $0.drop(while: \.isWhitespace) }
    let message = lines.filter { !$0.isEmpty }.joined(separator: "; ")
    return message.isEmpty ? "no message" : message
  }
}

/// Calls `body` with a NULL-terminated C array of the strings (`nil` stays NULL), valid only
/// during the call.
private func withCStrings<Result>(
  _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> Result
) -> Result {
  let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } ?? nil }
  defer { copies.forEach { free($0) } }
  let pointers = copies.map { UnsafePointer($0) } + [nil]
  return pointers.withUnsafeBufferPointer { body($0.baseAddress) }
}

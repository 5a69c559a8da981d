import FinishlineCore
import FinishlineSystem
import Testing

@testable import FinishlinePostgres

/// How a libpq failure becomes an exit code (SPEC §7): try again later (75), fix the
/// configuration (78), or a statement refused (73 writing, 65 reading).
@Suite("PostgreSQL failures")
struct PostgresFailureTests {
  @Test(arguments: [
    ("55P03", PostgresFailure.Kind.unavailable),  // lock_not_available: the hold was not granted in time
    ("57014", .unavailable),  // query_canceled: statement_timeout
    ("57P01", .unavailable),  // admin_shutdown: the server is stopping
    ("08006", .unavailable),  // connection_failure
    ("40001", .unavailable),  // serialization_failure
    ("53300", .unavailable),  // too_many_connections
    ("28P01", .refused),  // invalid_password
    ("3D000", .refused),  // invalid_catalog_name: no such database
    ("25006", .statement),  // read_only_sql_transaction
    ("42501", .statement),  // insufficient_privilege
    ("53100", .statement),  // disk_full
  ])
  func `a statement failure is sorted by its SQL state`(state: String, kind: PostgresFailure.Kind) {
    #expect(PostgresFailure.kind(sqlState: state, connectionLost: false) == kind)
  }

  @Test func `a lost connection is unavailable whatever the state`() {
    #expect(PostgresFailure.kind(sqlState: "25006", connectionLost: true) == .unavailable)
    #expect(PostgresFailure.kind(sqlState: nil, connectionLost: false) == .unavailable)
  }

  @Test(arguments: [
    (
      "connection to server at \"127.0.0.1\", port 5432 failed: Connection refused", false,
      PostgresFailure.Kind.unavailable
    ),
    ("connection to server at \"db\" failed: timeout expired", false, .unavailable),
    ("could not translate host name \"db\" to address", false, .unavailable),
    ("FATAL:  password authentication failed for user \"fl\"", false, .refused),
    ("FATAL:  database \"nope\" does not exist", false, .refused),
    ("FATAL:  no pg_hba.conf entry for host \"10.0.0.5\"", false, .refused),
    ("fe_sendauth: no password supplied", true, .refused),
    ("invalid URI query parameter: \"x\"", false, .refused),
  ])
  func `a connection failure is sorted by libpq's words`(
    message: String, needsPassword: Bool, kind: PostgresFailure.Kind
  ) {
    #expect(PostgresFailure.kind(connectionMessage: message, needsPassword: needsPassword) == kind)
  }

  @Test func `each kind has its documented exit code`() throws {
    let session = PostgresSession(url: try DatabaseURL("postgresql://fl:pw9876@db/fl"), wait: 1)
    let failure = { (kind: PostgresFailure.Kind) in PostgresFailure(kind: kind, message: "m") }
    #expect(session.stateError(failure(.unavailable), writing: true).exitStatus == .lockBusy)
    #expect(session.stateError(failure(.refused), writing: false).exitStatus == .badConfig)
    #expect(session.stateError(failure(.statement), writing: true).exitStatus == .cannotWriteState)
    #expect(session.stateError(failure(.statement), writing: false).exitStatus == .unreadableState)
    #expect(!session.stateError(failure(.refused), writing: false).description.contains("pw9876"))
  }
}

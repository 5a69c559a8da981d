/// What went wrong talking to PostgreSQL, sorted by what the caller should do about it.
struct PostgresFailure: Error, Equatable, CustomStringConvertible {
  enum Kind: Equatable {
    /// Not reachable, gone mid-session, shutting down, or a lock not granted in time: try
    /// again later (exit 75).
    case unavailable
    /// Authentication, an unknown role or database: the configuration must change (exit 78).
    case refused
    /// The server refused a statement: read-only, no privilege, disk full, a constraint.
    case statement
    /// libpq cannot be loaded.
    case unusable
  }

  var kind: Kind
  /// libpq's message with any secret removed.
  var message: String
  var sqlState: String?

  var description: String { sqlState.map { "\(message) (SQLSTATE \($0))" } ?? message }

  /// The kind of a failed statement, from its SQLSTATE (Appendix A of the PostgreSQL manual).
  static func kind(sqlState: String?, connectionLost: Bool) -> Kind {
    if connectionLost { return .unavailable }
    guard let sqlState else { return .unavailable }
    switch sqlState {
    case "55P03", "57014", "40001", "40P01", "57P01", "57P02", "57P03", "53300": return .unavailable
    case "3D000": return .refused
    default: break
    }
    switch sqlState.prefix(2) {
    case "08": return .unavailable
    case "28": return .refused
    default: return .statement
    }
  }

  /// The kind of a connection that could not be made, from libpq's message: libpq gives no
  /// SQLSTATE for these, and its wording is stable across releases.
  static func kind(connectionMessage message: String, needsPassword: Bool) -> Kind {
    if needsPassword { return .refused }
    let refusals = [
      "authentication failed", "password", "pg_hba.conf", "does not exist", "invalid connection option",
      "invalid uri", "invalid sslmode", "not permitted to log in", "certificate",
    ]
    let lowered = message.lowercased()
    return refusals.contains(where: { lowered.contains($0) }) ? .refused : .unavailable
  }
}

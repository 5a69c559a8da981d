/// The two state backends, for tests that must hold for both (SPEC §7): a state directory,
/// and a fresh database on the shared PostgreSQL server.
public enum StateKind: String, CaseIterable, Sendable, CustomStringConvertible {
  case directory
  case postgres

  public var description: String { rawValue }

  /// Points `workspace`'s configurations at this kind of state.
  public func use(in workspace: Workspace) throws {
    guard self == .postgres else { return }
    let server = try PostgresServer.shared.get()
    workspace.stateURL = try server.database()
    workspace.postgres = server
  }
}

internal import FinishlineSystem

/// The PostgreSQL backend's one entry point: the executable installs it at start-up, and
/// `Configuration.stateBackend` opens it for a `state_url`.
public enum PostgresBackend {
  public static func install() {
    SharedStateBackends.install { url, connectWait in PostgresState(url: url, connectWait: connectWait) }
  }
}

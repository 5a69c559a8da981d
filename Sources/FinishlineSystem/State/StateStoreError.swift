public import FinishlineCore

/// Why the state store could not do what was asked; each maps to a documented exit code.
public enum StateStoreError: Error, Equatable, CustomStringConvertible {
  /// The file exists but cannot be read (permissions, symlink refused, I/O error).
  case unreadable(path: String, reason: String)
  /// The file did not parse or has an unknown schema; it was moved aside to `movedTo`.
  case corrupt(path: String, movedTo: String, problem: String)
  case cannotWrite(path: String, reason: String)
  /// The state database could not be reached, or stopped answering, within the time allowed,
  /// before any request of this check went out: nothing was posted, the next check tries again.
  case unavailable(location: String, reason: String)
  /// The state database was lost after a request went out: the post may have been made. Its
  /// intent was recorded before it was sent, so the next check does not send it blindly again.
  case unavailableAfterSending(location: String, reason: String)
  /// The state database refused who we are (authentication, unknown role or database).
  case refused(location: String, reason: String)
  /// The state database was set up by a newer finishline.
  case newerSchema(location: String, version: Int, known: Int)

  public var description: String {
    switch self {
    case .unreadable(let path, let reason):
      "cannot read state file \(path): \(reason)"
    case .corrupt(let path, let movedTo, let problem):
      "state file \(path) \(problem); it was moved aside to \(movedTo) and nothing will be posted"
        + " for this run until an operator runs `finishline reset RUN` (inspect the saved copy first)"
    case .cannotWrite(let path, let reason):
      "cannot write state \(path): \(reason)"
    case .unavailable(let location, let reason):
      "state database \(location) is not available: \(reason); nothing was posted, the next check tries again"
    case .unavailableAfterSending(let location, let reason):
      "state database \(location) was lost after a post was sent: \(reason); the post may have gone out."
        + " Its intent was recorded before sending, so the next check finds it delivered, or flags it as"
        + " ambiguous in `status` and does not send it again (unless the target sets on_ambiguous = \"resend\")"
    case .refused(let location, let reason):
      "state database \(location) refused the connection: \(reason); fix state_url or the database's"
        + " roles (pg_hba.conf)"
    case .newerSchema(let location, let version, let known):
      "state database \(location) has schema version \(version), newer than the \(known) this finishline"
        + " knows; upgrade finishline on this host (the database was left as it is)"
    }
  }

  /// This error as it reads once a request of the check has gone out.
  public var afterSending: StateStoreError {
    guard case .unavailable(let location, let reason) = self else { return self }
    return .unavailableAfterSending(location: location, reason: reason)
  }

  public var exitStatus: ExitStatus {
    switch self {
    case .unreadable, .corrupt, .newerSchema: .unreadableState
    case .cannotWrite: .cannotWriteState
    case .unavailable, .unavailableAfterSending: .lockBusy
    case .refused: .badConfig
    }
  }
}

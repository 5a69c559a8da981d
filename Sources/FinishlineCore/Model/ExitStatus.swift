/// The documented exit codes (sysexits), SPEC §9: scripts and systemd branch on them.
public enum ExitStatus: Int32, Sendable, CaseIterable {
  /// Evaluated normally, whatever the run's state.
  case ok = 0
  case usage = 64
  /// The run's state file is unreadable (moved aside; `reset` required).
  case unreadableState = 65
  /// A delivery this run owes is still failing (will be retried, or needs `reset`).
  case deliveryFailing = 69
  case internalError = 70
  case cannotWriteState = 73
  /// Another invocation holds the run's lock.
  case lockBusy = 75
  case badConfig = 78
}

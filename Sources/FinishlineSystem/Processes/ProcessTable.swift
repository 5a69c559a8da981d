public import FinishlineCore
public import FoundationEssentials

/// A live process: the same value the snapshot records for a matching runner, named here for
/// what it is in the table (and so as not to clash with Foundation's `ProcessInfo`).
public typealias RunningProcess = RunnerProcess

/// The processes running now, as the seam between runner liveness and the operating system:
/// the pipeline takes any table, tests of decisions can hand it a fixed list.
public protocol ProcessTable: Sendable {
  /// Every process that has a command line, other than the calling process.
  /// - Throws: when the table as a whole cannot be read; "no processes" would otherwise be
  ///   mistaken for "the runner has exited".
  func processes() throws -> [RunningProcess]

  /// When the process started; `nil` when that cannot be known (the process is gone).
  func startTime(ofProcess pid: Int32) -> Date?
}

extension ProcessTable {
  /// A table that cannot tell start times; the run's start then comes from other evidence.
  public func startTime(ofProcess pid: Int32) -> Date? { nil }
}

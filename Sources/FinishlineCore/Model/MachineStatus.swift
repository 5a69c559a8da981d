/// A machine's status as the runner's status log announces it.
public enum MachineStatus: String, Sendable, Codable, CaseIterable {
  case notStarted = "NOT STARTED"
  case running = "RUNNING"
  case passed = "PASSED"
  case failed = "FAILED"
  case cancelled = "CANCELLED"

  /// Accepts the spelling in any case and with `_` or `-` for the space.
  public init?(logText: String) {
    let words = logText.uppercased().split(whereSeparator: { " _-\t".contains($0) })
    self.init(rawValue: words.joined(separator: " "))
  }

  /// The machine has stopped and said how it went.
  public var isFinal: Bool { self == .passed || self == .failed }

  /// The machine has not finished, so the run cannot be complete.
  public var isUnfinished: Bool { self == .running || self == .notStarted }
}

/// The last status line seen for one machine.
public struct StatusLine: Sendable, Equatable {
  public var machine: String
  public var status: MachineStatus
  /// The timestamp text captured by `(?<ts>…)`, kept verbatim for people.
  public var timestamp: String?
  /// Which log file and line it came from, for `explain`.
  public var source: String

  public init(machine: String, status: MachineStatus, timestamp: String?, source: String) {
    self.machine = machine
    self.status = status
    self.timestamp = timestamp
    self.source = source
  }
}

/// The seven things a watched run can be; the whole product is about telling them apart.
public enum RunState: String, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
  case running = "RUNNING"
  case completed = "COMPLETED"
  case failed = "FAILED"
  case cancelled = "CANCELLED"
  case terminated = "TERMINATED"
  case hung = "HUNG"
  case unknown = "UNKNOWN"

  /// Upper case, as in the spec, logs and messages.
  public var description: String { rawValue }

  /// The spelling used in configuration (`on = ["completed", "failed"]`).
  public var configName: String { rawValue.lowercased() }

  /// Creates a state from its configuration spelling, case-insensitively.
  public init?(configName: String) {
    self.init(rawValue: configName.uppercased())
  }

  /// States that are a final status people are told about.
  public var isFinalStatus: Bool { self == .completed || self == .failed }

  /// States that close the scope on sight and stay closed until `reset`.
  public var isSticky: Bool {
    switch self {
    case .cancelled, .terminated, .hung, .unknown: true
    case .running, .completed, .failed: false
    }
  }

  public static func < (lhs: RunState, rhs: RunState) -> Bool {
    (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
  }
}

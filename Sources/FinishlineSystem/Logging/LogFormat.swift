public import FinishlineCore

/// How log lines are written: logfmt for people and grep, JSON for log shippers.
public enum LogFormat: String, Sendable, CaseIterable {
  case logfmt
  case json
}

/// Log levels, with the syslog priority journald reads from a `<N>` prefix.
public enum LogLevel: String, Sendable, Comparable {
  case info
  case notice
  case warning
  case error

  var journalPriority: Int {
    switch self {
    case .info: 6
    case .notice: 5
    case .warning: 4
    case .error: 3
    }
  }

  public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
    lhs.journalPriority > rhs.journalPriority
  }
}

extension LogLevel {
  /// The level a decision of this prominence is logged at.
  public init(_ prominence: DecisionProminence) {
    switch prominence {
    case .info: self = .info
    case .notice: self = .notice
    case .warning: self = .warning
    }
  }
}

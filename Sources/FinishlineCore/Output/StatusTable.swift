public import FoundationEssentials

/// The terminal form of `status`: one aligned row per scope, newest first.
public enum StatusTable {
  /// A run as `status` lists it, with the moment its state was last looked at.
  public struct Row: Sendable {
    public var report: ScopeReport
    public var since: Date
    public var lastSeen: Date

    public init(report: ScopeReport, since: Date, lastSeen: Date) {
      self.report = report
      self.since = since
      self.lastSeen = lastSeen
    }
  }

  /// - Parameter color: ANSI colours for the state column (only when stdout is a terminal).
  public static func render(_ rows: [Row], now: Date, color: Bool) -> String {
    guard !rows.isEmpty else { return "no tracked runs" }
    let sorted = rows.sorted { ($0.lastSeen, $0.report.scope) > ($1.lastSeen, $1.report.scope) }
    let header = ["SCOPE", "STATE", "SINCE", "DELIVERIES", "REASON"]
    let cells = sorted.map { row in
      [
        row.report.scope, row.report.state.rawValue,
        "\(Timestamp.iso(row.since)) (\(Interval.describe(now.timeIntervalSince(row.since))) ago)",
        row.report.deliveries.isEmpty
          ? "-" : row.report.deliveries.map { "\($0.target):\($0.outcome.rawValue)" }.joined(separator: " "),
        row.report.reason,
      ]
    }
    // Row 0 is the header, which is never coloured.
    return Columns.align([header] + cells) { row, column, padded in
      column == 1 && color && row > 0 ? colored(padded, sorted[row - 1].report.state) : padded
    }.joined(separator: "\n")
  }

  static func colored(_ text: String, _ state: RunState) -> String {
    let code =
      switch state {
      case .completed: "32"
      case .failed: "31"
      case .running: "34"
      case .cancelled: "90"
      case .terminated: "35"
      case .hung: "33"
      case .unknown: "37"
      }
    return "\u{1B}[\(code)m\(text)\u{1B}[0m"
  }
}

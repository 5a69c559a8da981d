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
    let widths = (0..<header.count - 1).map { column in
      ([header] + cells).map { $0[column].count }.max() ?? 0
    }
    func line(_ values: [String], state: RunState?) -> String {
      var parts: [String] = []
      for (column, value) in values.enumerated() {
        guard column < widths.count else {
          parts.append(value)
          continue
        }
        let padded = value.padding(to: widths[column])
        parts.append(column == 1 && color ? colored(padded, state) : padded)
      }
      return parts.joined(separator: "  ")
    }
    return ([line(header, state: nil)] + zip(cells, sorted).map { line($0, state: $1.report.state) })
      .joined(separator: "\n")
  }

  static func colored(_ text: String, _ state: RunState?) -> String {
    guard let state else { return text }
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

extension String {
  func padding(to width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}

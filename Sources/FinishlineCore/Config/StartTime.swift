public import FoundationEssentials

/// Reads `--started-at`: an RFC 3339 timestamp, or a Unix time in seconds.
///
/// Jenkins knows a build's start as `currentBuild.startTimeInMillis`, so a number too large to
/// be seconds (over 10¹¹, the year 5138) is read as milliseconds rather than refused.
public enum StartTime {
  public static func parse(_ text: String) -> Date? {
    let trimmed = String(text.trimmingWhitespace)
    if let number = Double(trimmed), number.isFinite, number >= 0 {
      return Date(timeIntervalSince1970: number > 1e11 ? number / 1000 : number)
    }
    return ReportTimestamp.parse(trimmed)
  }

  /// How far ahead of the clock a start may be before it is refused: enough for two hosts'
  /// clocks to disagree, far less than a wrong time zone or unit.
  public static let futureTolerance: Double = 5 * 60

  /// Why `start` cannot be this run's start at `now`, or `nil` when it can.
  ///
  /// A start in the future sets every file aside as an earlier build's and keeps the run
  /// RUNNING until it is UNKNOWN. It is most often a local time written without its zone, or
  /// a number in the wrong unit.
  public static func problem(start: Date, text: String, now: Date) -> String? {
    let ahead = start.timeIntervalSince(now)
    guard ahead > futureTolerance else { return nil }
    return "--started-at `\(text)` is \(Interval.describe(ahead)) ahead of the clock"
      + " (\(Timestamp.iso(start)) against \(Timestamp.iso(now))): a start in the future"
      + " would set every file aside; pass the build's start with its time zone (RFC 3339 such as"
      + " 2026-12-01T08:00:00Z) or as Unix seconds"
  }
}

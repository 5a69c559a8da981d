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
}

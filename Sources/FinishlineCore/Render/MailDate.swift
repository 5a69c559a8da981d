import FoundationEssentials

/// The RFC 5322 `Date:` text ("Thu, 13 Feb 2025 10:00:00 +0000"), computed from the epoch in UTC
/// so that neither a locale nor a time zone database can change how a header is spelled.
enum MailDate {
  private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]
  private static let secondsPerDay = 86_400

  /// Whole seconds; a fraction is dropped, as the format has no place for it.
  static func text(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let days = floorDivide(seconds, secondsPerDay)
    let secondOfDay = seconds - days * secondsPerDay
    let (year, month, day) = Timestamp.civil(fromDays: days)
    // 1970-01-01 was a Thursday.
    let weekday = weekdays[(days % 7 + 7 + 4) % 7]
    let time = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60].map(twoDigits).joined(
      separator: ":")
    return "\(weekday), \(twoDigits(day)) \(months[month - 1]) \(year) \(time) +0000"
  }

  private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
  }

  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}

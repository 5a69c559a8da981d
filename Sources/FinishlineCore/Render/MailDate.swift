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
    let (year, month, day) = civilDate(daysSinceEpoch: days)
    // 1970-01-01 was a Thursday.
    let weekday = weekdays[(days % 7 + 7 + 4) % 7]
    let time = [secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60].map(twoDigits).joined(
      separator: ":")
    return "\(weekday), \(twoDigits(day)) \(months[month - 1]) \(year) \(time) +0000"
  }

  /// Year, month (1–12) and day for a count of days since 1970-01-01 in the proleptic Gregorian
  /// calendar (Howard Hinnant's `civil_from_days`): eras of 400 years repeat exactly.
  private static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468  // days from 0000-03-01, so leap days fall at the end of a year
    let era = floorDivide(shifted, 146_097)
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  private static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
    value >= 0 ? value / divisor : (value - divisor + 1) / divisor
  }

  private static func twoDigits(_ value: Int) -> String {
    value < 10 ? "0\(value)" : "\(value)"
  }
}

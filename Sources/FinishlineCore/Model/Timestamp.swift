public import FoundationEssentials

/// The one timestamp format used in logs, state, reasons and JSON output: RFC 3339 in UTC to
/// the second (`2026-12-04T07:49:48Z`), as `Date.ISO8601FormatStyle` writes it.
///
/// Written and read by hand: the format style sets up a calendar and a time zone on first
/// use, a tenth of a closed run's check, for the three log lines it prints.
public enum Timestamp {
  public static func iso(_ date: Date) -> String {
    let whole = Int(date.timeIntervalSince1970.rounded(.down))
    let (days, second) = whole.quotientAndRemainder(dividingBy: 86_400)
    let (day, seconds) = second < 0 ? (days - 1, second + 86_400) : (days, second)
    let (year, month, dayOfMonth) = civil(fromDays: day)
    func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
    let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
    return "\(yearText)-\(two(month))-\(two(dayOfMonth))T\(two(seconds / 3600)):\(two(seconds / 60 % 60)):"
      + "\(two(seconds % 60))Z"
  }

  /// A time exactly as `iso` writes it, or nil for any other text (fractions, offsets, spaces).
  public static func parse(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
      bytes[16] == 0x3A, bytes[19] == 0x5A
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var result = 0
      for index in range {
        guard (0x30...0x39).contains(bytes[index]) else { return nil }
        result = result * 10 + Int(bytes[index] - 0x30)
      }
      return result
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
      let minute = number(14..<16), let second = number(17..<19), year > 0, (1...12).contains(month),
      (1...days(inMonth: month, year: year)).contains(day), hour < 24, minute < 60, second < 60
    else { return nil }
    let seconds = ((days(fromCivil: year, month: month, day: day) * 24 + hour) * 60 + minute) * 60 + second
    return Date(timeIntervalSince1970: Double(seconds))
  }

  static func days(inMonth month: Int, year: Int) -> Int {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  }

  /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
  static func days(fromCivil year: Int, month: Int, day: Int) -> Int {
    let shifted = month <= 2 ? year - 1 : year
    let era = (shifted >= 0 ? shifted : shifted - 399) / 400
    let yearOfEra = shifted - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
  }

  /// Year, month (1–12) and day of a count of days since 1970-01-01: the inverse of
  /// `days(fromCivil:)` (Hinnant's `civil_from_days`); eras of 400 years repeat exactly.
  static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }
}

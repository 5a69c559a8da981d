public import FoundationEssentials

/// Reads the timestamps reports and status logs write (`2024-05-02T10:15:30.123Z`,
/// `2024-05-02T10:15:30.123456+02:00`, `2024-05-02 10:15:30`), for the run's wall time.
///
/// A timestamp without a zone (surefire, pytest before 8, most status logs) is read as UTC.
/// That is wrong by the local offset, but the same for every timestamp of that kind, so the
/// span from the earliest to the latest, which is all a wall time needs, is still right.
public enum ReportTimestamp {
  public static func parse(_ text: String) -> Date? {
    let bytes = Array(text.trimmingWhitespace.utf8)
    var reader = Reader(bytes: bytes)
    guard let year = reader.number(digits: 4), reader.take("-"), let month = reader.number(digits: 2),
      reader.take("-"), let day = reader.number(digits: 2), reader.take("T") || reader.take(" "),
      let hour = reader.number(digits: 2), reader.take(":"), let minute = reader.number(digits: 2),
      reader.take(":"), let second = reader.number(digits: 2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    var fraction = 0.0
    if reader.take(".") || reader.take(",") {
      var scale = 0.1
      while let digit = reader.digit() {
        fraction += Double(digit) * scale
        scale /= 10
      }
    }
    var offset = 0
    if reader.take("Z") || reader.take("z") {
      offset = 0
    } else if let sign = reader.sign() {
      guard let hours = reader.number(digits: 2) else { return nil }
      _ = reader.take(":")
      let minutes = reader.number(digits: 2) ?? 0
      offset = sign * (hours * 3_600 + minutes * 60)
    }
    guard reader.atEnd else { return nil }
    let days = Timestamp.days(fromCivil: year, month: month, day: day)
    let seconds = Double(days * 86_400 + hour * 3_600 + minute * 60 + second - offset) + fraction
    return Date(timeIntervalSince1970: seconds)
  }

  private struct Reader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
      guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
      index += 1
      return true
    }

    mutating func digit() -> Int? {
      guard index < bytes.count, ASCII.isDigit(bytes[index]) else { return nil }
      defer { index += 1 }
      return Int(bytes[index] - UInt8(ascii: "0"))
    }

    mutating func number(digits: Int) -> Int? {
      var value = 0
      for _ in 0..<digits {
        guard let digit = digit() else { return nil }
        value = value * 10 + digit
      }
      return value
    }

    mutating func sign() -> Int? {
      if take("+") { return 1 }
      if take("-") { return -1 }
      return nil
    }
  }
}

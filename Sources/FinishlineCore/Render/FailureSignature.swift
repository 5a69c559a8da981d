/// The part of a failure message that stays the same when the same fault repeats.
///
/// One broken page fails on every machine with a different row number, timeout, id or
/// timestamp in its message. Replacing those variable parts with placeholders lets one group
/// stand for all of them, so a message lists a handful of causes instead of thousands of lines.
///
/// Replaced, at the start of a token (never inside a word):
/// - a quoted value: text between backticks, single or double quotes on one line that contains
///   no whitespace (`` `#row-17` ``, `'<div.error>'`, `"user_42"`): selectors, ids, paths. Quoted
///   prose (`'Invalid password'`) is what the test expected to see and stays, numbers aside;
/// - a UUID, a `0x` hex number, an ISO-8601 date or date-time, a `10:11:12` time of day;
/// - a duration: a number with a unit (`4000ms`, `1.5s`, `2min`);
/// - a number, with or without decimals;
/// - a word of 8 or more letters and digits that mixes both (hashes, generated ids).
/// Digits inside shorter words are replaced too (`vm03` and `vm07` are alike). Runs of
/// whitespace become one space.
enum FailureSignature {
  static func of(_ message: String) -> String {
    var scanner = Scanner(message)
    return scanner.signature()
  }

  private struct Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0
    var output = String.UnicodeScalarView()

    init(_ text: String) {
      scalars = Array(text.unicodeScalars)
    }

    static let durationUnits: Set<String> = [
      "ns", "us", "µs", "ms", "s", "sec", "secs", "second", "seconds", "m", "min", "mins", "minute",
      "minutes", "h", "hr", "hrs", "hour", "hours",
    ]

    mutating func signature() -> String {
      var pendingSpace = false
      while index < scalars.count {
        let scalar = scalars[index]
        if scalar.properties.isWhitespace {
          pendingSpace = !output.isEmpty
          index += 1
          continue
        }
        if pendingSpace {
          output.append(" ")
          pendingSpace = false
        }
        let startsToken = index == 0 || !Self.isWordScalar(scalars[index - 1])
        if startsToken, let (end, placeholder) = variable() {
          output.append(contentsOf: placeholder.unicodeScalars)
          index = end
        } else if startsToken, Self.isWordScalar(scalar) {
          word()
        } else {
          output.append(scalar)
          index += 1
        }
      }
      return String(output)
    }

    /// The end and placeholder of a variable part starting at `index`, if one does.
    func variable() -> (Int, String)? {
      if let end = quotedValue() { return (end, "<q>") }
      if let end = uuid() { return (end, "<uuid>") }
      if let end = timestamp() { return (end, "<ts>") }
      if let end = hexNumber() { return (end, "<hex>") }
      if let (end, unit) = number() {
        if unit.isEmpty { return (end, "<n>") }
        if Self.durationUnits.contains(unit.lowercased()) { return (end, "<dur>") }
      }
      return nil
    }

    /// A word: a generated id as a whole, or with its digit runs replaced.
    mutating func word() {
      var end = index
      while end < scalars.count, Self.isWordScalar(scalars[end]) { end += 1 }
      let word = scalars[index..<end]
      let hasDigit = word.contains { Self.isDigit($0) }
      if word.count >= 8, hasDigit, word.contains(where: { $0.properties.isAlphabetic }) {
        output.append(contentsOf: "<id>".unicodeScalars)
      } else {
        var inDigits = false
        for scalar in word {
          if Self.isDigit(scalar) {
            if !inDigits { output.append(contentsOf: "<n>".unicodeScalars) }
            inDigits = true
          } else {
            output.append(scalar)
            inDigits = false
          }
        }
      }
      index = end
    }

    /// The end of a whitespace-free quoted value on one line, delimiters included.
    func quotedValue() -> Int? {
      let delimiter = scalars[index]
      guard delimiter == "`" || delimiter == "'" || delimiter == "\"" else { return nil }
      var end = index + 1
      while end < scalars.count, scalars[end] != delimiter {
        if scalars[end].properties.isWhitespace { return nil }
        end += 1
      }
      guard end < scalars.count, end > index + 1 else { return nil }
      return end + 1
    }

    /// `123e4567-e89b-12d3-a456-426614174000`.
    func uuid() -> Int? {
      var end = index
      for (position, length) in [8, 4, 4, 4, 12].enumerated() {
        if position > 0 {
          guard end < scalars.count, scalars[end] == "-" else { return nil }
          end += 1
        }
        guard let next = run(from: end, of: Self.isHexDigit), next - end == length else { return nil }
        end = next
      }
      return endsToken(end) ? end : nil
    }

    /// `2024-05-02`, `2024-05-02T10:11:12.345Z`, `2024-05-02 10:11:12+02:00`, or `10:11:12`.
    func timestamp() -> Int? {
      if let year = digits(from: index, count: 4, then: "-"),
        let month = digits(from: year, count: 2, then: "-"),
        let day = digits(from: month, count: 2, then: nil)
      {
        guard day + 1 < scalars.count, scalars[day] == "T" || scalars[day] == " ",
          let time = timeOfDay(from: day + 1)
        else { return day }
        return zone(from: time)
      }
      return timeOfDay(from: index)
    }

    /// `10:11:12` or `10:11:12.345`, with one- or two-digit hours.
    func timeOfDay(from start: Int) -> Int? {
      guard let hours = run(from: start, of: Self.isDigit), (1...2).contains(hours - start),
        hours < scalars.count, scalars[hours] == ":",
        let minutes = digits(from: hours + 1, count: 2, then: ":"),
        let seconds = digits(from: minutes, count: 2, then: nil)
      else { return nil }
      guard seconds < scalars.count, scalars[seconds] == "." else { return seconds }
      return run(from: seconds + 1, of: Self.isDigit) ?? seconds
    }

    /// A time zone after a time: `Z`, `+02:00` or `-0500`.
    func zone(from start: Int) -> Int {
      guard start < scalars.count else { return start }
      if scalars[start] == "Z" { return start + 1 }
      guard scalars[start] == "+" || scalars[start] == "-",
        let hours = digits(from: start + 1, count: 2, then: nil)
      else { return start }
      let minutesStart = hours < scalars.count && scalars[hours] == ":" ? hours + 1 : hours
      return digits(from: minutesStart, count: 2, then: nil) ?? hours
    }

    /// `0x1f2e`.
    func hexNumber() -> Int? {
      guard index + 2 < scalars.count, scalars[index] == "0",
        scalars[index + 1] == "x" || scalars[index + 1] == "X",
        let end = run(from: index + 2, of: Self.isHexDigit)
      else { return nil }
      return end
    }

    /// A number, with decimals, and the letters right after it (its unit, if any), ending a token.
    func number() -> (Int, String)? {
      guard var end = run(from: index, of: Self.isDigit) else { return nil }
      if end + 1 < scalars.count, scalars[end] == ".", let fraction = run(from: end + 1, of: Self.isDigit) {
        end = fraction
      }
      let unitStart = end
      while end < scalars.count, scalars[end].properties.isAlphabetic { end += 1 }
      guard endsToken(end) else { return nil }
      var unit = String.UnicodeScalarView()
      unit.append(contentsOf: scalars[unitStart..<end])
      return (end, String(unit))
    }

    /// The end of exactly `count` digits from `start`, past `separator` when one is required.
    func digits(from start: Int, count: Int, then separator: Unicode.Scalar?) -> Int? {
      guard let end = run(from: start, of: Self.isDigit), end - start == count else { return nil }
      guard let separator else { return end }
      return end < scalars.count && scalars[end] == separator ? end + 1 : nil
    }

    /// The end of the non-empty run of scalars from `start` that satisfy `predicate`.
    func run(from start: Int, of predicate: (Unicode.Scalar) -> Bool) -> Int? {
      var end = start
      while end < scalars.count, predicate(scalars[end]) { end += 1 }
      return end > start ? end : nil
    }

    func endsToken(_ end: Int) -> Bool {
      end >= scalars.count || !Self.isWordScalar(scalars[end])
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    static func isHexDigit(_ scalar: Unicode.Scalar) -> Bool {
      isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    /// Letters, digits and `_`: the characters a token boundary never falls between.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
      scalar.properties.isAlphabetic || isDigit(scalar) || scalar == "_"
    }
  }
}

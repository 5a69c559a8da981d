/// TOML's integers (decimal, 0x, 0o, 0b, with `_` between digits), floats (with fraction,
/// exponent, `inf`, `nan`) and date-times, from the token they are written as.
enum TOMLNumber {
  static func value(of token: String) -> TOMLValue? {
    if isDateTime(token) { return .dateTime(token) }
    if let integer = integer(token) { return .integer(integer) }
    if let float = float(token) { return .float(float) }
    return nil
  }

  static func integer(_ token: String) -> Int? {
    var text = Substring(token)
    var negative = false
    if let sign = text.first, sign == "+" || sign == "-" {
      negative = sign == "-"
      text = text.dropFirst()
    }
    var radix = 10
    for (prefix, base) in [("0x", 16), ("0o", 8), ("0b", 2)] where text.hasPrefix(prefix) {
      guard token.first != "+", token.first != "-" else { return nil }
      radix = base
      text = text.dropFirst(2)
    }
    guard let digits = underscored(text, allowed: { $0.isHexDigit && Int(String($0), radix: radix) != nil }) else {
      return nil
    }
    if radix == 10, digits.count > 1, digits.first == "0" { return nil }
    guard let magnitude = Int(negative ? "-" + digits : digits, radix: radix) else { return nil }
    return magnitude
  }

  static func float(_ token: String) -> Double? {
    let unsigned = token.first == "+" || token.first == "-" ? String(token.dropFirst()) : token
    if unsigned == "inf" { return token.first == "-" ? -.infinity : .infinity }
    if unsigned == "nan" { return .nan }
    // Digits on both sides of the point, an optional exponent; `_` only between digits.
    let parts = unsigned.split(separator: "e", maxSplits: 1, omittingEmptySubsequences: false)
      .flatMap { $0.split(separator: "E", maxSplits: 1, omittingEmptySubsequences: false) }
    guard parts.count <= 2, let mantissa = parts.first else { return nil }
    let halves = mantissa.split(separator: ".", omittingEmptySubsequences: false)
    guard halves.count <= 2, halves.count == 2 || parts.count == 2 else { return nil }
    guard let whole = underscored(halves[0], allowed: \.isASCIIDigit),
      whole.count == 1 || whole.first != "0"
    else { return nil }
    var text = whole
    if halves.count == 2 {
      guard let fraction = underscored(halves[1], allowed: \.isASCIIDigit) else { return nil }
      text += "." + fraction
    }
    if parts.count == 2 {
      var exponent = parts[1]
      var sign = ""
      if let first = exponent.first, first == "+" || first == "-" {
        sign = String(first)
        exponent = exponent.dropFirst()
      }
      guard let digits = underscored(exponent, allowed: \.isASCIIDigit) else { return nil }
      text += "e" + sign + digits
    }
    return Double((token.first == "-" ? "-" : "") + text)
  }

  /// The digits without underscores, or `nil` unless each `_` stands between two digits.
  static func underscored(_ text: Substring, allowed: (Character) -> Bool) -> String? {
    guard let first = text.first, let last = text.last, allowed(first), allowed(last) else { return nil }
    var digits = ""
    var previous: Character = "_"
    for character in text {
      if character == "_" {
        guard previous != "_" else { return nil }
      } else {
        guard allowed(character) else { return nil }
        digits.append(character)
      }
      previous = character
    }
    return digits
  }

  /// `1979-05-27`, `07:32:00`, `1979-05-27T07:32:00.5-07:00`, `1979-05-27 07:32:00Z`.
  static func isDateTime(_ token: String) -> Bool {
    let scalars = Array(token.unicodeScalars)
    func digits(_ range: Range<Int>) -> Bool {
      range.upperBound <= scalars.count && range.allSatisfy { ("0"..."9").contains(scalars[$0]) }
    }
    let date =
      digits(0..<4) && scalars.count >= 10 && scalars[4] == "-" && digits(5..<7) && scalars[7] == "-"
      && digits(8..<10)
    let time =
      digits(0..<2) && scalars.count >= 8 && scalars[2] == ":" && digits(3..<5) && scalars[5] == ":"
      && digits(6..<8)
    return date || time
  }
}

extension Character {
  fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}

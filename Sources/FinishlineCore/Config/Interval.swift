/// Parses the human durations of the configuration (`90s`, `45m`, `12h`, `2d`).
public enum Interval {
  /// Seconds for a duration text, or `nil` when it is not one.
  ///
  /// A bare number is refused on purpose: `hang_after = 45` is ambiguous (seconds? minutes?).
  public static func seconds(_ text: String) -> Double? {
    var total = 0.0
    var number = ""
    var sawUnit = false
    for character in text.trimmingWhitespace {
      if character.isNumber || character == "." {
        number.append(character)
        continue
      }
      guard let value = Double(number), let unit = unitSeconds(character) else { return nil }
      total += value * unit
      number = ""
      sawUnit = true
    }
    guard number.isEmpty, sawUnit else { return nil }
    return total
  }

  /// Renders seconds compactly for reasons and logs (`2m`, `1h30m`, `45s`).
  public static func describe(_ seconds: Double) -> String {
    var remaining = Int(seconds.rounded())
    if remaining <= 0 { return "0s" }
    var parts: [String] = []
    for (unit, size) in [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)] where remaining >= size {
      parts.append("\(remaining / size)\(unit)")
      remaining %= size
    }
    return parts.prefix(2).joined()
  }

  private static func unitSeconds(_ unit: Character) -> Double? {
    switch unit {
    case "s": 1
    case "m": 60
    case "h": 3_600
    case "d": 86_400
    default: nil
    }
  }
}

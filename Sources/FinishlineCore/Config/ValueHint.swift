/// How to write a value that was given with the wrong type, so a refused configuration says
/// what to type instead of only what was expected (`settle = 120` → write `"120s"` or `"2m"`).
enum ValueHint {
  /// What the value is expected to be.
  enum Expected {
    case string
    case duration
    case bool
    case positiveInt
  }

  /// The corrected line(s) for `key = value`, or `nil` when no direct correction exists.
  static func rewrite(key: String, value: TOMLValue, expected: Expected) -> String? {
    switch (expected, value) {
    case (.duration, .integer(let number)) where number >= 0:
      let spellings = ["\"\(number)s\""] + (number > 0 && number % 60 == 0 ? ["\"\(number / 60)m\""] : [])
      return spellings.map { "\(key) = \($0)" }.joined(separator: " or ")
        + " (a bare number is refused: its unit would be a guess)"
    case (.duration, .float(let number)) where number >= 0 && number.isFinite:
      return "\(key) = \"\(Int(number.rounded()))s\" (durations are written with a unit)"
    case (.string, .integer(let number)): return "\(key) = \"\(number)\""
    case (.string, .float(let number)): return "\(key) = \"\(number)\""
    case (.string, .boolean(let flag)): return "\(key) = \"\(flag)\""
    case (.bool, .string(let text)) where ["true", "false"].contains(text.lowercased()):
      return "\(key) = \(text.lowercased()) (without quotes)"
    case (.positiveInt, .string(let text)) where Int(text).map({ $0 > 0 }) == true:
      return "\(key) = \(text) (without quotes)"
    default: return nil
    }
  }
}

/// Counts in messages are read by people at a glance: `2,980` rather than `2980`.
extension Int {
  /// The number with a comma between groups of three digits, whatever the locale, so messages
  /// and their snapshots do not depend on the machine that renders them.
  var groupedDigits: String {
    let digits = String(magnitude)
    var result = ""
    for (offset, digit) in digits.enumerated() {
      if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return self < 0 ? "-" + result : result
  }

  /// "1 test", "2,980 tests": the count and its noun, plural unless the count is one.
  func counted(_ noun: String) -> String { "\(groupedDigits) \(noun)\(self == 1 ? "" : "s")" }
}

extension [String] {
  /// "a, b and 3 more" once there are more than `limit` names, so a reason or a message line
  /// stays readable however many machines, specs or tests it names.
  func listed(limit: Int) -> String {
    guard count > limit else { return joined(separator: ", ") }
    return prefix(limit).joined(separator: ", ") + " and \((count - limit).groupedDigits) more"
  }
}

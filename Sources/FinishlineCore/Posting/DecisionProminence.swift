/// How loudly a decision is logged: a post, the first duplicate prevented of a delivery and the
/// first sighting of an ambiguous one stand out; a decision repeated by every later check of a
/// settled run does not, so a timer's log stays readable (SPEC §6.2).
public enum DecisionProminence: Sendable, Equatable {
  case info
  case notice
  case warning
}

extension DeliveryDecision {
  /// The level and event name of this decision's log line, given what was recorded of its
  /// delivery: an ambiguous delivery is flagged once as `ambiguous` at warning; a post and the
  /// first duplicate prevented at notice; everything else at info under its own event.
  public func prominence(record: DeliveryRecord?) -> (DecisionProminence, event: String) {
    if action == .none(.ambiguous), record?.ambiguityReported == false { return (.warning, "ambiguous") }
    let firstDuplicate = event == .duplicatePrevented && record?.duplicateReportedAt == nil
    return (firstDuplicate || sends ? .notice : .info, event.rawValue)
  }
}

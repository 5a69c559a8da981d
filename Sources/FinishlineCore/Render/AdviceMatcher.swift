/// Attaches what the team has learned about a failure (`[[advice]]`) under the failure group it
/// explains, so the people reading a failure also read what to do about it.
///
/// Not `Sendable`: the compiled `Regex` is not. Build one per message; compiling once here
/// rather than once per group keeps thousands of groups cheap.
public struct AdviceMatcher {
  private let rules: [(rule: AdviceRule, regex: Regex<AnyRegexOutput>?)]

  /// The rules that apply to a message about a run in `state`, in configuration order.
  public init(rules: [AdviceRule], state: RunState) {
    // A regex that does not compile matches nothing; the loader refuses such rules, so only a
    // rule built in code can get here, and a bad rule must not cost the post.
    self.rules = rules.filter { $0.states?.contains(state) ?? true }.map { rule in
      switch rule.pattern {
      case .substring: (rule, nil)
      case .regex(let source): (rule, try? Regex(source))
      }
    }
  }

  /// The advice of every rule matching any of the group's messages (its example message comes
  /// first), in configuration order, each text once. Substrings match case-sensitively, as
  /// written; a regex can ask for `(?i)`.
  public func advice(for group: FailureGroup) -> [String] {
    var advice: [String] = []
    for (rule, regex) in rules where !advice.contains(rule.advice) {
      let matches = group.messages.contains { message in
        switch rule.pattern {
        case .substring(let text): message.contains(text)
        case .regex: regex.map { message.contains($0) } ?? false
        }
      }
      if matches { advice.append(rule.advice) }
    }
    return advice
  }
}

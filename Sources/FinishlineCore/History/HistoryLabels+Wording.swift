/// How messages, `explain` and `finishline history` say what changed (SPEC §8.1).
extension HistoryLabels {
  /// "2 new · 5 still failing · 1 fixed since nightly-411", "no new failures since
  /// nightly-411", or, on a series' first run, that there is nothing to compare with.
  public func summary(series: String) -> String {
    guard let comparedWith else { return "first run of series \(series): no earlier run to compare with" }
    var parts = [new.isEmpty ? "no new failures" : "\(new.count.groupedDigits) new"]
    if !stillFailing.isEmpty { parts.append("\(stillFailing.count.groupedDigits) still failing") }
    if !fixed.isEmpty { parts.append("\(fixed.count.groupedDigits) fixed") }
    return parts.joined(separator: " · ") + " since \(comparedWith)"
  }

  /// A failure group's tag: "new", "failing since nightly-398 (14 runs)", or both counted when
  /// the group mixes them; `nil` when none of `tests` is labelled.
  public func tag(for tests: [String]) -> String? {
    let newTests = Set(new)
    let streaks = Dictionary(stillFailing.map { ($0.test, $0) }, uniquingKeysWith: { first, _ in first })
    let names = tests.map(Self.historyName)
    let newCount = names.count { newTests.contains($0) }
    let known = names.compactMap { streaks[$0] }
    let longest = known.max { $0.runs < $1.runs }
    let since = longest.map { "failing since \($0.since) (\($0.runs.counted("run")))" }
    switch (newCount, since) {
    case (0, nil): return nil
    case (_, nil): return "new"
    case (0, let since?): return since
    case (let count, let since?): return "\(count.groupedDigits) new, \(known.count.groupedDigits) \(since)"
    }
  }

  /// A test's name as the history records it (`TestOutcomeLog`): tabs and line breaks are spaces.
  static func historyName(_ name: String) -> String {
    guard name.utf8.contains(where: { $0 == ASCII.tab || $0 == ASCII.newline || $0 == ASCII.carriageReturn }) else {
      return name
    }
    return String(
      decoding: name.utf8.map {
        $0 == ASCII.tab || $0 == ASCII.newline || $0 == ASCII.carriageReturn ? ASCII.space : $0
      }, as: UTF8.self)
  }
}

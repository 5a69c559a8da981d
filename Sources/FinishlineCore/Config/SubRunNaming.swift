/// How a categorized run's sub-runs are named and found (`[categorize] subrun`).
public enum SubRunNaming {
  /// The build name of one group's sub-run, e.g. `BUILD-42-billing`.
  public static func buildName(template: String, run: String, group: String) -> String {
    template.replacing("{run}", with: run).replacing("{group}", with: group)
  }

  /// A glob that finds every sub-run of a run in one source glob, capturing the group in the
  /// `{machine}` slot: `mochawesome/{run}/{machine}/*.json` with `{run}-{group}` becomes
  /// `mochawesome/{run}-{machine}/*/*.json`, and a source that names `{group}` itself
  /// (`cypress/results/{group}/*.json`) captures it there. `nil` when the source names
  /// neither `{run}` nor `{group}`.
  public static func discoveryPattern(source: String, template: String) -> String? {
    if PatternEvidence.namesTheGroup(source) {
      return source.replacing("{machine}", with: "*").replacing("{group}", with: "{machine}")
    }
    guard source.contains("{run}") else { return nil }
    let subRun = template.replacing("{group}", with: "{machine}")
    return source.replacing("{machine}", with: "*").replacing("{run}", with: subRun)
  }
}

extension SubRunNaming {
  /// Every (parent run, group) whose sub-run build name under `template` is `scope`, so a
  /// sub-run checked by its own name finds the parent that may already have posted it:
  /// `BUILD-44-smoke` under `{run}-{group}` is (`BUILD-44`, `smoke`) or (`BUILD`, `44-smoke`).
  /// A template without `{run}` names no parent.
  public static func parentCandidates(of scope: String, template: String) -> [(run: String, group: String)] {
    guard let runRange = template.firstRange(of: "{run}"), let groupRange = template.firstRange(of: "{group}")
    else { return [] }
    let runFirst = runRange.lowerBound < groupRange.lowerBound
    let (first, second) = runFirst ? (runRange, groupRange) : (groupRange, runRange)
    let prefix = String(template[..<first.lowerBound])
    let middle = String(template[first.upperBound..<second.lowerBound])
    let suffix = String(template[second.upperBound...])
    guard scope.hasPrefix(prefix), scope.hasSuffix(suffix), scope.count > prefix.count + suffix.count else { return [] }
    let core = Array(scope.dropFirst(prefix.count).dropLast(suffix.count))
    let separator = Array(middle)
    var candidates: [(run: String, group: String)] = []
    for split in 1..<max(1, core.count) where split + separator.count < core.count {
      guard Array(core[split..<(split + separator.count)]) == separator else { continue }
      let left = String(core[..<split])
      let right = String(core[(split + separator.count)...])
      candidates.append(runFirst ? (left, right) : (right, left))
    }
    return candidates
  }
}

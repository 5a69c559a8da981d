/// How a categorized run's sub-runs are named and found (`[categorize] subrun`).
public enum SubRunNaming {
  /// The build name of one group's sub-run, e.g. `BUILD-42-billing`.
  public static func buildName(template: String, run: String, group: String) -> String {
    template.replacing("{run}", with: run).replacing("{group}", with: group)
  }

  /// A glob that finds every sub-run of a run in one source glob, capturing the group in the
  /// `{machine}` slot: `mochawesome/{run}/{machine}/*.json` with `{run}-{group}` becomes
  /// `mochawesome/{run}-{machine}/*/*.json`. `nil` when the source does not name `{run}`.
  public static func discoveryPattern(source: String, template: String) -> String? {
    guard source.contains("{run}") else { return nil }
    let subRun = template.replacing("{group}", with: "{machine}")
    return source.replacing("{machine}", with: "*").replacing("{run}", with: subRun)
  }
}

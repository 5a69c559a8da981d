/// The `[history]` table (SPEC §8.1): on unless `enabled = false`, because a team sees what
/// changed since the last run only if the runs before it were recorded.
public struct HistorySettings: Sendable, Equatable {
  public var enabled = true
  public var naming: SeriesNaming
  /// Finished runs kept per series.
  public var keep = 50
  /// Runs, the current one included, over which a test's flips are counted.
  public var flakyWindow = 20

  public init(enabled: Bool = true, naming: SeriesNaming = .automatic, keep: Int = 50, flakyWindow: Int = 20) {
    self.enabled = enabled
    self.naming = naming
    self.keep = keep
    self.flakyWindow = flakyWindow
  }
}

extension ConfigurationLoader {
  static func history(_ table: TOMLTableReader) throws(ConfigError) -> HistorySettings {
    try table.rejectUnknownKeys(known: ["enabled", "series", "series_match", "keep", "flaky_window"])
    var settings = HistorySettings()
    settings.enabled = try table.bool("enabled") ?? true
    let series = try table.string("series") ?? "auto"
    let match = try table.string("series_match") ?? SeriesNaming.defaultMatch
    do {
      settings.naming = try SeriesNaming(template: series == "auto" ? nil : series, match: match)
    } catch {
      throw table.invalid(error.isRegex ? "series_match" : "series", error.message)
    }
    settings.keep = try table.positiveInt("keep") ?? settings.keep
    settings.flakyWindow = try table.positiveInt("flaky_window") ?? settings.flakyWindow
    return settings
  }
}

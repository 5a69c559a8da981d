/// What a scope was compared with when it was first judged COMPLETED or FAILED, kept with the
/// scope: every later message, retry, `explain` and `preview` show the same labels, however
/// the series' history moves on.
public struct ScopeHistory: Sendable, Equatable, Codable {
  public var series: String
  public var labels: HistoryLabels

  public init(series: String, labels: HistoryLabels) {
    self.series = series
    self.labels = labels
  }
}

public import FoundationEssentials

/// The values the textfile reports about the latest check, set on every write rather than
/// accumulated (and so not kept with the counters).
public struct MetricsGauges: Sendable, Equatable {
  /// Wall-clock seconds the latest check took, from start to its decision and delivery.
  public var lastCheckDuration: Double
  /// When the latest check finished; alert when it falls behind the timer's period.
  public var lastCheckAt: Date
  /// Runs with a state file that are not closed.
  public var openRuns: Int

  public init(lastCheckDuration: Double, lastCheckAt: Date, openRuns: Int) {
    self.lastCheckDuration = lastCheckDuration
    self.lastCheckAt = lastCheckAt
    self.openRuns = openRuns
  }

  var families: [PrometheusText.Family] {
    [
      PrometheusText.Family(
        name: "finishline_last_check_duration_seconds", help: "How long the latest check took.",
        type: .gauge, samples: [PrometheusText.Sample(value: lastCheckDuration)]),
      PrometheusText.Family(
        name: "finishline_last_check_timestamp_seconds",
        help: "When the latest check finished, in Unix time.",
        type: .gauge, samples: [PrometheusText.Sample(value: lastCheckAt.timeIntervalSince1970)]),
      PrometheusText.Family(
        name: "finishline_open_runs", help: "Tracked runs that are not closed.", type: .gauge,
        samples: [PrometheusText.Sample(value: Double(openRuns))]),
    ]
  }
}

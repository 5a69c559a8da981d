/// finishline's cumulative counters (SPEC §9), kept across invocations in the state directory
/// and exposed as a Prometheus textfile.
///
/// Labels are kept as plain strings rather than enums so that counters written by a newer
/// finishline with a label this build does not know survive a round trip through this build.
public struct MetricsCounters: Sendable, Equatable, Codable {
  /// Bump when a change would make an older reader misunderstand the file.
  public static let currentSchemaVersion = 1

  public var schemaVersion: Int
  /// Messages delivered, by target type, then by the state they announced.
  public var posts: [String: [String: Int]]
  /// Targets not sent to, by `SuppressionReason` label.
  public var suppressions: [String: Int]
  /// Sends by how they ended (`delivered`, `transient-failure`, `terminal-failure`, `ambiguous`).
  public var deliveries: [String: Int]
  /// Targets not sent to because they were already told.
  public var duplicatesPrevented: Int
  /// Invocations of `check`, by exit code.
  public var checks: [String: Int]

  public init() {
    schemaVersion = Self.currentSchemaVersion
    posts = [:]
    suppressions = [:]
    deliveries = [:]
    duplicatesPrevented = 0
    checks = [:]
  }

  /// The delivery outcomes a send can end with, which label `finishline_deliveries_total`.
  public static let deliveryOutcomes: [ReportedOutcome] = [
    .delivered, .transientFailure, .terminalFailure, .ambiguous,
  ]

  /// Adds another set of counters (one check's increments) to these.
  public mutating func add(_ other: MetricsCounters) {
    for (type, states) in other.posts {
      for (state, count) in states { posts[type, default: [:]][state, default: 0] += count }
    }
    suppressions.merge(other.suppressions, uniquingKeysWith: +)
    deliveries.merge(other.deliveries, uniquingKeysWith: +)
    duplicatesPrevented += other.duplicatesPrevented
    checks.merge(other.checks, uniquingKeysWith: +)
  }

  /// The metric families of the textfile, in a fixed order.
  ///
  /// Every label value finishline knows of is written even at zero, so a series exists before
  /// its first increment and `increase()` over it sees that first increment.
  public func families(gauges: MetricsGauges) -> [PrometheusText.Family] {
    let postCounts = Dictionary(
      posts.flatMap { type, states in states.map { ([type, $0.key], $0.value) } }, uniquingKeysWith: +)
    let knownPosts = NotifyTarget.Kind.allCases.flatMap { kind in
      [RunState.completed, .failed].map { [kind.rawValue, $0.rawValue] }
    }
    return [
      labelled(
        "finishline_posts_total", help: "Messages delivered, by target type and the state they announced.",
        labels: ["target_type", "state"], counts: postCounts, known: knownPosts),
      labelled(
        "finishline_suppressions_total", help: "Targets not sent to in a check, by reason.",
        labels: ["reason"],
        counts: single(suppressions), known: SuppressionReason.allCases.map { [$0.rawValue] }),
      labelled(
        "finishline_deliveries_total", help: "Sends, by how they ended after the check's attempts.",
        labels: ["outcome"], counts: single(deliveries), known: Self.deliveryOutcomes.map { [$0.rawValue] }),
      labelled(
        "finishline_duplicates_prevented_total",
        help: "Targets not sent to because they were already told.", labels: [],
        counts: [[]: duplicatesPrevented], known: []),
      labelled(
        "finishline_checks_total", help: "Invocations of check, by exit code.", labels: ["exit_code"],
        counts: single(checks), known: ExitStatus.allCases.map { [String($0.rawValue)] }),
    ] + gauges.families
  }

  private func single(_ counts: [String: Int]) -> [[String]: Int] {
    Dictionary(uniqueKeysWithValues: counts.map { ([$0.key], $0.value) })
  }

  /// A counter family with a sample for every known label combination and every counted one.
  /// - Parameter counts: values keyed by label values, in the order of `labels`.
  private func labelled(
    _ name: String, help: String, labels: [String], counts: [[String]: Int], known: [[String]]
  ) -> PrometheusText.Family {
    PrometheusText.Family(
      name: name, help: help, type: .counter,
      samples: Set(known).union(counts.keys).map { values in
        PrometheusText.Sample(
          labels: zip(labels, values).map { PrometheusText.Label($0, $1) },
          value: Double(counts[values] ?? 0))
      })
  }
}

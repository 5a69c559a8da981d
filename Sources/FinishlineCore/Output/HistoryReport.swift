import FoundationEssentials

/// What `finishline history` prints (SPEC §8.1): every series with its last run, or one
/// series' runs, newest first, each with what it added to the failures and fixed, and the
/// tests that flipped most within the flaky window.
public enum HistoryReport {
  /// One series as the list shows it.
  public struct SeriesLine: Sendable, Equatable {
    public var series: String
    public var runs: Int
    public var last: HistoryRun?

    public init(_ history: SeriesHistory) {
      series = history.series
      runs = history.runs.count
      last = history.runs.last
    }
  }

  /// One run against the run recorded before it.
  public struct RunLine: Sendable, Equatable {
    public var run: HistoryRun
    public var labels: HistoryLabels
  }

  /// Each run of `history`, newest first, labelled against the run before it.
  public static func runs(_ history: SeriesHistory, flakyWindow: Int) -> [RunLine] {
    history.runs.reversed().map { run in
      RunLine(
        run: run,
        labels: HistoryComparison.labels(
          of: AlignedRun(outcomes: run.outcomes), build: run.build, in: history, flakyWindow: flakyWindow))
    }
  }

  public static func seriesTable(_ lines: [SeriesLine]) -> String {
    guard !lines.isEmpty else {
      return "no series recorded yet: a run is recorded when first judged COMPLETED or FAILED"
    }
    let rows = lines.map { line in
      [
        line.series, String(line.runs), line.last?.build ?? "", line.last?.state.rawValue ?? "",
        line.last.map { Timestamp.iso($0.recordedAt) } ?? "",
      ]
    }
    return Columns.align([["SERIES", "RUNS", "LAST", "STATE", "RECORDED"]] + rows).joined(separator: "\n")
  }

  public static func runTable(series: String, _ lines: [RunLine]) -> String {
    var rows = [["BUILD", "STATE", "RECORDED", "PASSED", "FAILED", "NEW", "FIXED", "COMPARED WITH"]]
    for line in lines {
      let counts = line.run.counts
      rows.append([
        line.run.build, line.run.state.rawValue, Timestamp.iso(line.run.recordedAt), counts.passed.groupedDigits,
        counts.failed.groupedDigits, String(line.labels.new.count), String(line.labels.fixed.count),
        line.labels.comparedWith ?? "-",
      ])
    }
    var text = ["series \(series): \(lines.count.counted("run"))", ""] + Columns.align(rows)
    let flaky = lines.first?.labels.flaky.sorted { ($1.flips, $0.test) < ($0.flips, $1.test) } ?? []
    if !flaky.isEmpty {
      text += ["", "flakiest tests (flips within the last \(flaky[0].window.counted("run"))):"]
      text += flaky.prefix(10).map { "  \($0.flips)  \($0.test)" }
    }
    return text.joined(separator: "\n")
  }

  public static func seriesJSON(_ lines: [SeriesLine]) -> JSONValue {
    .array(
      lines.map { line in
        .object([
          .init("series", .string(line.series)), .init("runs", .int(line.runs)),
          .init("last", line.last.map { runJSON($0) } ?? .null),
        ])
      })
  }

  public static func runsJSON(series: String, _ lines: [RunLine]) -> JSONValue {
    let flaky = lines.first?.labels.flaky ?? []
    return .object([
      .init("series", .string(series)),
      .init(
        "runs",
        .array(
          lines.map { line in
            .object(
              runMembers(line.run) + [
                .init("compared_with", .string(line.labels.comparedWith)),
                .init("new", .array(line.labels.new.map { .string($0) })),
                .init("fixed", .array(line.labels.fixed.map { .string($0) })),
              ])
          })),
      .init(
        "flaky",
        .array(
          flaky.map {
            .object([.init("test", .string($0.test)), .init("flips", .int($0.flips)), .init("window", .int($0.window))])
          })),
    ])
  }

  static func runJSON(_ run: HistoryRun) -> JSONValue { .object(runMembers(run)) }

  static func runMembers(_ run: HistoryRun) -> [JSONValue.Member] {
    [
      .init("build", .string(run.build)), .init("state", .string(run.state.rawValue)),
      .init("recorded_at", .string(Timestamp.iso(run.recordedAt))), .init("counts", .object(run.counts.jsonMembers)),
    ]
  }
}

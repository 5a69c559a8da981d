public import FoundationEssentials

extension StatusPage {
  /// Finished runs shown per series: enough to see a test go red and back, few enough that a
  /// strip fits beside its name on a wall screen.
  public static let stripLength = 20

  /// A series' last finished runs as history recorded them (SPEC §8.1), for the strip of
  /// coloured cells that shows at a glance whether a suite is getting better or worse.
  public struct Series: Sendable, Equatable {
    public var series: String
    /// Oldest first, at most `stripLength`.
    public var cells: [Cell]

    public struct Cell: Sendable, Equatable {
      public var build: String
      public var state: RunState
      public var recordedAt: Date
      public var counts: TestCounts

      public init(build: String, state: RunState, recordedAt: Date, counts: TestCounts) {
        self.build = build
        self.state = state
        self.recordedAt = recordedAt
        self.counts = counts
      }
    }

    public init(series: String, cells: [Cell]) {
      self.series = series
      self.cells = cells
    }

    /// The newest `stripLength` runs of `history`; their per-test outcomes are not kept.
    public init(_ history: SeriesHistory) {
      self.init(
        series: history.series,
        cells: history.runs.suffix(StatusPage.stripLength).map {
          Cell(build: $0.build, state: $0.state, recordedAt: $0.recordedAt, counts: $0.counts)
        })
    }
  }

  /// One row per series, the series whose last run is newest first; nothing when no series
  /// has been recorded, so a page without history looks as it did.
  static func seriesSection(_ series: [Series]) -> [String] {
    let shown = series.filter { !$0.cells.isEmpty }.sorted {
      ($0.cells.last?.recordedAt ?? .distantPast, $0.series) > ($1.cells.last?.recordedAt ?? .distantPast, $1.series)
    }
    guard !shown.isEmpty else { return [] }
    var html = [
      "<section>", "<h2>Series <small class=\"muted\">last \(stripLength) finished runs, oldest first</small></h2>",
      "<table class=\"series\">",
      "<thead><tr><th>Series</th><th>Runs</th><th>Last run</th></tr></thead><tbody>",
    ]
    for entry in shown {
      guard let last = entry.cells.last else { continue }
      let cells = entry.cells.map(cell).joined()
      html.append(
        "<tr style=\"--state: \(StateStyle.color(last.state))\">"
          + "<th scope=\"row\"><span class=\"run-name\">\(escape(entry.series))</span></th>"
          + "<td><ol class=\"strip\" aria-label=\"\(plural(entry.cells.count, "run")) of \(escape(entry.series))\">"
          + "\(cells)</ol></td>"
          + "<td><span class=\"run-name\">\(escape(last.build))</span> \(badge(last.state))"
          + "<span class=\"ago\">\(escape(summary(last.counts)))</span></td></tr>")
    }
    return html + ["</tbody></table>", "</section>"]
  }

  /// A cell says in its tooltip (and to a screen reader) what its colour means.
  static func cell(_ cell: Series.Cell) -> String {
    let label = "\(cell.build): \(cell.state.rawValue), \(summary(cell.counts)), \(Timestamp.iso(cell.recordedAt))"
    return "<li style=\"background: \(escape(StateStyle.color(cell.state)))\" title=\"\(escape(label))\">"
      + "<span class=\"hidden\">\(escape(label))</span></li>"
  }

  static func summary(_ counts: TestCounts) -> String {
    counts.failed > 0
      ? "\(counts.failed) of \(counts.total) failed" : plural(counts.passed, "test") + " passed"
  }
}

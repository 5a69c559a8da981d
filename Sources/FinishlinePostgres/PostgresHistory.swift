internal import FinishlineCore
internal import FinishlineSystem
internal import FoundationEssentials

/// Series' histories in `finishline_series` (each series' table of test names) and
/// `finishline_series_runs` (one row per recorded build), changed in one transaction under an
/// advisory lock of the series, so two hosts recording runs of one series at once both land.
struct PostgresHistory: HistoryBook {
  let session: PostgresSession

  /// The schema version that has the history tables; an older database has no history yet.
  static let schemaVersion = 3

  func history(of series: String) throws(StateStoreError) -> SeriesHistory {
    guard try session.connection(creating: false).schemaVersion ?? 0 >= Self.schemaVersion else {
      return SeriesHistory(series: series)
    }
    return try session.run(writing: false) { (connection) throws(PostgresFailure) in
      try read(series, connection)
    }.get()
  }

  func record(
    _ run: FinishedRun, in series: String, keep: Int, lockWait: Double, now: Date
  ) throws(StateStoreError) -> (before: SeriesHistory, note: String?) {
    let before = try session.transaction { (connection) throws(PostgresFailure) in
      try connection.query(
        "SELECT pg_advisory_xact_lock($1::int, hashtext($2))",
        [String(PostgresSchema.lockClass), "history:\(series)"])
      let before = try read(series, connection)
      guard case .success(var after) = before else { return before }
      after.record(run, keep: keep)
      try write(after, connection)
      return before
    }
    return (try before.get(), nil)
  }

  func series() throws(StateStoreError) -> [String] {
    guard try session.connection(creating: false).schemaVersion ?? 0 >= Self.schemaVersion else { return [] }
    return try session.run(writing: false) { (connection) throws(PostgresFailure) in
      try connection.query("SELECT series FROM finishline_series ORDER BY series").compactMap { $0.first ?? nil }
    }
  }

  private func read(
    _ series: String, _ connection: PostgresConnection
  ) throws(PostgresFailure) -> Result<SeriesHistory, StateStoreError> {
    let tests = try connection.value("SELECT tests FROM finishline_series WHERE series = $1", [series])
    let rows = try connection.query(
      """
      SELECT build, state, extract(epoch FROM recorded_at)::bigint, counts, outcomes
      FROM finishline_series_runs WHERE series = $1 ORDER BY position
      """, [series])
    let names = tests.map {
      $0.isEmpty ? [] : $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
    var runs: [HistoryRun] = []
    for row in rows {
      guard row.count == 5,
        let run = SeriesHistoryFile.run(
          build: row[0] ?? "", state: row[1] ?? "", seconds: row[2] ?? "", counts: row[3] ?? "",
          outcomes: Array((row[4] ?? "").utf8)),
        run.outcomes.count == names?.count ?? 0
      else {
        return .failure(
          .unreadable(
            path: "\(session.location) history of \(series)",
            reason: "run \(row.first.flatMap { $0 } ?? "?") is not as finishline writes it"))
      }
      runs.append(run)
    }
    return .success(SeriesHistory(series: series, tests: names ?? [], runs: runs))
  }

  private func write(_ history: SeriesHistory, _ connection: PostgresConnection) throws(PostgresFailure) {
    try connection.query(
      """
      INSERT INTO finishline_series (series, tests) VALUES ($1, $2)
      ON CONFLICT (series) DO UPDATE SET tests = EXCLUDED.tests, updated_at = now()
      """, [history.series, history.tests.joined(separator: "\n")])
    try connection.query("DELETE FROM finishline_series_runs WHERE series = $1", [history.series])
    for (position, run) in history.runs.enumerated() {
      try connection.query(
        """
        INSERT INTO finishline_series_runs (series, build, position, state, recorded_at, counts, outcomes)
        VALUES ($1, $2, $3::int, $4, to_timestamp($5::bigint), $6, $7)
        """,
        [
          history.series, run.build, String(position), run.state.rawValue,
          String(Int(run.recordedAt.timeIntervalSince1970)), SeriesHistoryFile.countsText(run.counts),
          String(decoding: run.outcomes, as: UTF8.self),
        ])
    }
  }
}

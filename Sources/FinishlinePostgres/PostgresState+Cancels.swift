internal import FinishlineCore
internal import FinishlineSystem
internal import FoundationEssentials

/// `finishline cancel` in `finishline_cancels`, so a run cancelled on one host is CANCELLED
/// for every host's check: a marker file in one host's state directory is seen by that host
/// alone, and a file left there would outlive a `reset` made on another.
extension PostgresState: SharedCancellations {
  func cancellation(of run: String) throws(StateStoreError) -> Marker? {
    let rows = try session.read(empty: []) { (connection) throws(PostgresFailure) in
      try connection.query(
        "SELECT note, extract(epoch FROM cancelled_at) FROM finishline_cancels WHERE run = $1", [run])
    }
    guard let row = rows.first else { return nil }
    return Marker(
      path: "\(location) (finishline_cancels)", present: true,
      modifiedAt: PostgresConnection.date(epoch: row[1]), note: row[0] ?? nil)
  }

  func recordCancellation(of run: String, note: String) throws(StateStoreError) {
    try session.run(writing: true) { (connection) throws(PostgresFailure) in
      try connection.query(
        """
        INSERT INTO finishline_cancels (run, note) VALUES ($1, $2)
        ON CONFLICT (run) DO UPDATE SET note = EXCLUDED.note, cancelled_at = now()
        """, [run, note])
    }
  }

  func clearCancellation(of run: String) throws(StateStoreError) -> Bool {
    try session.run(writing: true) { (connection) throws(PostgresFailure) in
      try !connection.query("DELETE FROM finishline_cancels WHERE run = $1 RETURNING run", [run]).isEmpty
    }
  }
}

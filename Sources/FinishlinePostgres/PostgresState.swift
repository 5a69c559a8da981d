internal import FinishlineCore
internal import FinishlineSystem
internal import FoundationEssentials

/// Run state in PostgreSQL (SPEC §7): each run's record is the JSON a state file would hold, a
/// run's hold is a session advisory lock every host sharing the database respects, and each
/// delivery is a row claimed before its request is sent (`PostgresState+Deliveries`).
struct PostgresState: StateBackend {
  let session: PostgresSession

  init(url: DatabaseURL, connectWait: Double) {
    session = PostgresSession(url: url, wait: connectWait)
  }

  var location: String { session.location }
  var exists: Bool { true }

  func prepare() throws(StateStoreError) -> String? {
    _ = try session.connection(creating: true)
    return session.takeNote()
  }

  func hold(_ run: String, wait: Double) throws(StateStoreError) -> (any RunHold)? {
    let key = [String(PostgresSchema.lockClass), run]
    let granted = try session.run(writing: false) { (connection) throws(PostgresFailure) -> Bool in
      guard wait > 0 else {
        return try connection.value("SELECT pg_try_advisory_lock($1::int, hashtext($2))", key) == "t"
      }
      // The session waits `session.wait` for a lock; another wait is set for this one only.
      let timeout = { (seconds: Double) throws(PostgresFailure) in
        _ = try connection.query(
          "SELECT set_config('lock_timeout', $1, false)", ["\(Int((seconds * 1000).rounded(.up)))"])
      }
      if wait != session.wait { try timeout(wait) }
      defer { if wait != session.wait { _ = try? timeout(session.wait) } }
      do throws(PostgresFailure) {
        try connection.query("SELECT pg_advisory_lock($1::int, hashtext($2))", key)
        return true
      } catch  where error.sqlState == "55P03" {
        return false
      }
    }
    return granted ? PostgresHold(session: session, key: key) : nil
  }

  func peek(_ run: String) throws(StateStoreError) -> StateStore.Peek {
    let found = try session.read(empty: nil) { (connection) throws(PostgresFailure) in
      try connection.value("SELECT record FROM finishline_runs WHERE run = $1", [run])
    }
    guard let record = found else { return .absent }
    return StateStore.decode(Data(record.utf8))
  }

  /// A record that cannot be trusted moves to `finishline_set_aside`, in one transaction.
  func load(_ run: String, now: Date) throws(StateStoreError) -> StoredRun? {
    switch try peek(run) {
    case .absent: return nil
    case .stored(let stored): return stored
    case .unusable(let problem):
      let id = try session.transaction { (connection) throws(PostgresFailure) in
        let id = try connection.value(
          """
          INSERT INTO finishline_set_aside (run, record, problem)
          SELECT run, record, $2 FROM finishline_runs WHERE run = $1 RETURNING id
          """, [run, problem])
        try connection.query("DELETE FROM finishline_runs WHERE run = $1", [run])
        return id
      }
      throw .corrupt(
        path: place(of: run), movedTo: "finishline_set_aside id \(id ?? "?")", problem: problem)
    }
  }

  func save(_ run: StoredRun) throws(StateStoreError) {
    let record: String
    do {
      record = String(decoding: try StateCoding.encoder.encode(run), as: UTF8.self)
    } catch {
      throw .cannotWrite(path: location, reason: "\(error)")
    }
    try session.run(writing: true) { (connection) throws(PostgresFailure) in
      try connection.query(
        """
        INSERT INTO finishline_runs (run, parent, open, record) VALUES ($1, $2, $3, $4)
        ON CONFLICT (run) DO UPDATE
        SET parent = EXCLUDED.parent, open = EXCLUDED.open, record = EXCLUDED.record, updated_at = now()
        """, [run.run, run.parent, run.closedAt == nil ? "true" : "false", record])
    }
  }

  func runs() throws(StateStoreError) -> [String] {
    try session.read(empty: []) { (connection) throws(PostgresFailure) in
      try connection.query("SELECT run FROM finishline_runs ORDER BY run").compactMap { $0.first ?? nil }
    }
  }

  func openRunCount() -> Int {
    let count = try? session.read(empty: nil) { (connection) throws(PostgresFailure) in
      try connection.value("SELECT count(*) FROM finishline_runs WHERE open AND parent IS NULL")
    }
    return (count ?? nil).flatMap { Int($0) } ?? 0
  }

  var claims: (any DeliveryClaims)? { self }
  var cancellations: (any SharedCancellations)? { self }
  var alerts: any AlertBook { PostgresAlerts(session: session) }
  var history: any HistoryBook { PostgresHistory(session: session) }
  func place(of run: String) -> String { "\(location) run \(run)" }
}

/// A run's advisory lock; the server also drops it when the session ends (a crash, a kill).
final class PostgresHold: RunHold {
  let session: PostgresSession
  let key: [String]

  init(session: PostgresSession, key: [String]) {
    self.session = session
    self.key = key
    session.countHold(1)
  }

  func release() {
    _ = try? session.run(writing: false) { (connection) throws(PostgresFailure) in
      try connection.query("SELECT pg_advisory_unlock($1::int, hashtext($2))", key)
    }
    session.countHold(-1)
  }
}

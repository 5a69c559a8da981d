internal import FinishlineCore
internal import FinishlineSystem
internal import FoundationEssentials

/// Alert subscriptions in `finishline_alerts`, changed in transactions that hold one advisory
/// lock, so `alerts add` on two hosts at once never subscribes the same alert twice.
struct PostgresAlerts: AlertBook {
  let session: PostgresSession

  func list() throws(StateStoreError) -> [AlertSubscription] {
    let rows = try session.read(empty: []) { (connection) throws(PostgresFailure) in
      try connection.query("SELECT id, subscription FROM finishline_alerts ORDER BY created_at, id")
    }
    return try rows.map { (row) throws(StateStoreError) -> AlertSubscription in
      do {
        return try StateCoding.decode(AlertSubscription.self, from: Data((row[1] ?? "").utf8))
      } catch {
        throw .unreadable(path: "\(session.location) alert \(row[0] ?? "?")", reason: StateCoding.describe(error))
      }
    }
  }

  func add(_ make: (String) -> AlertSubscription, lockWait: Double) throws(StateStoreError)
    -> (subscription: AlertSubscription, existed: Bool)
  {
    try session.transaction { (connection) throws(PostgresFailure) in
      try connection.query("SELECT pg_advisory_xact_lock($1::int, 1)", [String(PostgresSchema.lockClass)])
      let existing = try connection.query("SELECT subscription FROM finishline_alerts").compactMap { row in
        (row.first ?? nil).flatMap { try? StateCoding.decode(AlertSubscription.self, from: Data($0.utf8)) }
      }
      var id = AlertStore.newID()
      while existing.contains(where: { $0.id == id }) { id = AlertStore.newID() }
      let subscription = make(id)
      if let same = existing.first(where: { $0.isSame(as: subscription) }) { return (same, true) }
      let text = (try? StateCoding.encoder.encode(subscription)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
      try connection.query("INSERT INTO finishline_alerts (id, subscription) VALUES ($1, $2)", [id, text])
      return (subscription, false)
    }
  }

  func remove(_ id: String, lockWait: Double) throws(StateStoreError) -> Bool {
    try session.run(writing: true) { (connection) throws(PostgresFailure) in
      try !connection.query("DELETE FROM finishline_alerts WHERE id = $1 RETURNING id", [id]).isEmpty
    }
  }
}

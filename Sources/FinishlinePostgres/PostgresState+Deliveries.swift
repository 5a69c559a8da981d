internal import FinishlineCore
internal import FinishlineSystem
internal import FoundationEssentials

/// The delivery ledger's rows: one per (scope, target, kind), claimed in its own committed
/// statement before the request is sent and settled after. Under a run's hold a claim never
/// conflicts; the unique key still stops a second post when a hold was lost (a failover).
extension PostgresState: DeliveryClaims {
  /// A claim is granted when the row is new, ours, settled other than delivered, or left by
  /// an invocation whose session is gone or whose lease ran out: that invocation can no
  /// longer be sending, and the run's record says whether it may have sent (ambiguous).
  static let claimStatement = """
    INSERT INTO finishline_deliveries AS d
      (scope, target, kind, run, outcome, holder, holder_pid, holder_start, lease_until)
    SELECT $1, $2, $3, $4, 'in-flight', $5, pg_backend_pid(), backend_start,
      now() + $6::double precision * interval '1 second'
    FROM pg_stat_activity WHERE pid = pg_backend_pid()
    ON CONFLICT (scope, target, kind) DO UPDATE
    SET run = EXCLUDED.run, outcome = 'in-flight', holder = EXCLUDED.holder, holder_pid = EXCLUDED.holder_pid,
        holder_start = EXCLUDED.holder_start, claims = d.claims + 1, claimed_at = now(),
        lease_until = EXCLUDED.lease_until, settled_at = NULL
    WHERE (d.holder_pid = EXCLUDED.holder_pid AND d.holder_start IS NOT DISTINCT FROM EXCLUDED.holder_start)
       OR d.outcome NOT IN ('in-flight', 'delivered')
       OR (d.outcome = 'in-flight' AND (d.lease_until < now() OR NOT EXISTS (
         SELECT 1 FROM pg_stat_activity a WHERE a.pid = d.holder_pid
           AND (a.backend_start IS NULL OR a.backend_start = d.holder_start))))
    RETURNING 1
    """

  func claim(_ key: DeliveryKey, lease: Double) throws(StateStoreError) -> DeliveryClaim {
    let identity = [key.scope, key.target, key.kind.rawValue]
    return try session.run(writing: true) { (connection) throws(PostgresFailure) -> DeliveryClaim in
      let granted = try connection.query(
        Self.claimStatement, identity + [key.run, session.holder, String(max(1, lease))])
      if !granted.isEmpty { return .claimed }
      let row = try connection.query(
        """
        SELECT outcome, holder, extract(epoch FROM settled_at), extract(epoch FROM lease_until)
        FROM finishline_deliveries WHERE scope = $1 AND target = $2 AND kind = $3
        """, identity
      ).first
      let holder = (row?[1] ?? nil) ?? "another invocation"
      let date = { (index: Int) in PostgresConnection.date(epoch: row?[index] ?? nil) }
      return .heldElsewhere(
        row?[0] == "delivered" ? .delivered(by: holder, at: date(2)) : .inFlight(by: holder, until: date(3)))
    }
  }

  func settle(_ key: DeliveryKey, outcome: DeliveryRecord.Outcome) throws(StateStoreError) {
    try session.run(writing: true) { (connection) throws(PostgresFailure) in
      try connection.query(
        """
        UPDATE finishline_deliveries SET outcome = $4, settled_at = now(), lease_until = NULL
        WHERE scope = $1 AND target = $2 AND kind = $3 AND holder_pid = pg_backend_pid()
        """, [key.scope, key.target, key.kind.rawValue, outcome.rawValue])
    }
  }

  func forget(_ keys: [DeliveryKey]) throws(StateStoreError) {
    guard !keys.isEmpty else { return }
    try session.transaction { (connection) throws(PostgresFailure) in
      for key in keys {
        try connection.query(
          "DELETE FROM finishline_deliveries WHERE scope = $1 AND target = $2 AND kind = $3",
          [key.scope, key.target, key.kind.rawValue])
      }
    }
  }
}

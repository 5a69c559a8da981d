internal import FinishlineCore
internal import FoundationEssentials

/// `finishline state migrate --from-dir DIR`: a state directory's runs, delivery ledger and
/// alert subscriptions copied into the state database, so a host moving to `state_url` keeps
/// every "already posted" it knew. A run the database already has is kept as the database
/// has it (another host may have moved on since); a file that cannot be trusted is named and
/// left where it is.
public struct StateMigration: Sendable {
  public var source: StateStore
  public var destination: any StateBackend
  public var lockWait: Double

  public init(from directory: String, into destination: any StateBackend, lockWait: Double) {
    source = StateStore(directory: directory)
    self.destination = destination
    self.lockWait = lockWait
  }

  /// What one run became.
  public enum Result: Sendable, Equatable {
    case imported(run: String, deliveries: Int)
    case kept(run: String)
    case unusable(run: String, problem: String)
    case busy(run: String)
  }

  /// Copies every run, then every alert subscription; one line per run, and the number of
  /// subscriptions added (an identical one already there is not added twice).
  public func run() throws(StateStoreError) -> (runs: [Result], subscriptions: Int) {
    guard source.exists else {
      throw .unreadable(path: source.directory, reason: "no such state directory")
    }
    _ = try destination.prepare()
    var results: [Result] = []
    for run in source.runs() { results.append(try migrate(run)) }
    var added = 0
    for subscription in try source.alerts.list() {
      if try !destination.alerts.add({ _ in subscription }, lockWait: lockWait).existed { added += 1 }
    }
    return (results, added)
  }

  func migrate(_ run: String) throws(StateStoreError) -> Result {
    let stored: StoredRun
    switch try source.peek(run) {
    case .absent: return .kept(run: run)
    case .unusable(let problem): return .unusable(run: run, problem: problem)
    case .stored(let found): stored = found
    }
    guard let hold = try destination.hold(run, wait: lockWait) else { return .busy(run: run) }
    defer { hold.release() }
    guard case .absent = try destination.peek(run) else { return .kept(run: run) }
    // Delivered posts enter the ledger's rows first: were the copy interrupted after them, a
    // check would still know not to post again.
    var delivered = 0
    for scope in stored.scopes {
      for record in scope.deliveries where record.outcome == .delivered {
        let key = DeliveryKey(run: run, scope: scope.scope, target: record.target, kind: record.kind)
        if let claims = destination.claims, try claims.claim(key, lease: 60) == .claimed {
          try claims.settle(key, outcome: .delivered)
        }
        delivered += 1
      }
    }
    try destination.save(stored)
    return .imported(run: run, deliveries: delivered)
  }
}

extension StateMigration.Result: CustomStringConvertible {
  public var description: String {
    switch self {
    case .imported(let run, let deliveries): "imported \(run) (\(deliveries) delivered post(s) in the ledger)"
    case .kept(let run): "kept \(run): the database already has it"
    case .unusable(let run, let problem): "skipped \(run): state file \(problem); not imported"
    case .busy(let run): "skipped \(run): another invocation holds it; run the migration again"
    }
  }
}

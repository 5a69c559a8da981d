/// The decision record `check --json` prints and `status --json` lists (SPEC §9).
public struct CheckReport: Sendable, Equatable {
  public var run: String
  public var scopes: [ScopeReport]

  public init(run: String, scopes: [ScopeReport]) {
    self.run = run
    self.scopes = scopes
  }

  /// The documented object, keys in documented order.
  public var json: JSONValue {
    .object([.init("run", .string(run)), .init("scopes", .array(scopes.map(\.json)))])
  }

  /// An exit status (SPEC §9) and what to print with it.
  public struct Exit: Sendable, Equatable {
    public var status: ExitStatus
    public var message: String?
  }

  /// The check's exit status: 69 while a delivery the run owes is failing, naming the
  /// targets, else 0.
  public var exit: Exit {
    let failing = scopes.flatMap(\.deliveries).filter(\.outcome.isFailing)
    guard failing.isEmpty else {
      return Exit(
        status: .deliveryFailing, message: "delivery failing for \(failing.map(\.target).joined(separator: ", "))")
    }
    return Exit(status: .ok, message: nil)
  }
}

/// One scope of the decision record; keys and their order are the documented interface.
public struct ScopeReport: Sendable, Equatable {
  public var scope: String
  public var group: String?
  public var state: RunState
  public var reason: String
  public var counts: TestCounts
  public var machines: MachineTotals
  public var deliveries: [DeliveryReport]

  public init(
    scope: String, group: String?, state: RunState, reason: String, counts: TestCounts,
    machines: MachineTotals, deliveries: [DeliveryReport]
  ) {
    self.scope = scope
    self.group = group
    self.state = state
    self.reason = reason
    self.counts = counts
    self.machines = machines
    self.deliveries = deliveries
  }

  /// A scope as its state file remembers it (a closed run is reported without a snapshot).
  public init(stored scope: StoredScope, deliveries: [DeliveryReport]) {
    let summary = scope.summary
    self.init(
      scope: scope.scope, group: scope.group, state: scope.verdict.state, reason: scope.verdict.reason,
      counts: summary?.counts ?? TestCounts(),
      machines: MachineTotals(total: summary?.machinesTotal ?? 0, failed: summary?.machinesFailed ?? 0),
      deliveries: deliveries)
  }

  /// `group` is `null` for a plain run rather than missing.
  public var json: JSONValue {
    .object([
      .init("scope", .string(scope)), .init("group", .string(group)), .init("state", .string(state.rawValue)),
      .init("reason", .string(reason)),
      .init("counts", .object(counts.jsonMembers)),
      .init("machines", .object([.init("total", .int(machines.total)), .init("failed", .int(machines.failed))])),
      .init(
        "deliveries",
        .array(
          deliveries.map {
            .object([
              .init("target", .string($0.target)), .init("outcome", .string($0.outcome.rawValue)),
              .init("attempts", .int($0.attempts)),
            ])
          })),
    ])
  }
}

public struct MachineTotals: Sendable, Equatable, Codable {
  public var total: Int
  public var failed: Int

  public init(total: Int, failed: Int) {
    self.total = total
    self.failed = failed
  }
}

public struct DeliveryReport: Sendable, Equatable {
  public var target: String
  public var outcome: ReportedOutcome
  public var attempts: Int

  public init(target: String, outcome: ReportedOutcome, attempts: Int) {
    self.target = target
    self.outcome = outcome
    self.attempts = attempts
  }

  /// Whose view a report takes of a delivery made earlier: this check's (`already-delivered`:
  /// it prevented a duplicate) or the record's (`delivered`, as `status` lists it).
  public enum View: Sendable {
    case thisCheck
    case recorded
  }

  /// What a decision reports for its target before anything is sent: its outcome (a send still to
  /// be made is pending) and the attempts `record` holds. `check --json` and `status --json` both
  /// build their deliveries here.
  public init(decision: DeliveryDecision, record: DeliveryRecord?, view: View = .thisCheck) {
    var outcome = decision.outcome
    if view == .recorded, outcome == .alreadyDelivered { outcome = .delivered }
    self.init(target: decision.target, outcome: outcome, attempts: record?.attempts ?? 0)
  }
}

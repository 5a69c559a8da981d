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
}

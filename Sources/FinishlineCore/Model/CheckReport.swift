/// The decision record `check --json` prints and `status --json` lists (SPEC §9).
public struct CheckReport: Sendable, Equatable, Encodable {
  public var run: String
  public var scopes: [ScopeReport]

  public init(run: String, scopes: [ScopeReport]) {
    self.run = run
    self.scopes = scopes
  }
}

/// One scope of the decision record; keys and their order are the documented interface.
public struct ScopeReport: Sendable, Equatable, Encodable {
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

  enum CodingKeys: String, CodingKey {
    case scope, group, state, reason, counts, machines, deliveries
  }

  /// Written by hand so `group` is `null` for a plain run rather than missing.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scope, forKey: .scope)
    try container.encode(group, forKey: .group)
    try container.encode(state, forKey: .state)
    try container.encode(reason, forKey: .reason)
    try container.encode(counts, forKey: .counts)
    try container.encode(machines, forKey: .machines)
    try container.encode(deliveries, forKey: .deliveries)
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

public struct DeliveryReport: Sendable, Equatable, Encodable {
  public var target: String
  public var outcome: ReportedOutcome
  public var attempts: Int

  public init(target: String, outcome: ReportedOutcome, attempts: Int) {
    self.target = target
    self.outcome = outcome
    self.attempts = attempts
  }
}

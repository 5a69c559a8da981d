public import FoundationEssentials

/// What is remembered about one scope (the run itself, or one sub-run).
public struct StoredScope: Sendable, Equatable, Codable {
  /// The scope's build name.
  public var scope: String
  /// The group of a sub-run; `nil` for a plain run.
  public var group: String?
  public var firstSeen: Date
  public var lastSeen: Date
  public var lastProgress: Date?
  /// The last time a runner process was seen alive, for `settle` and `unknown_after`.
  public var lastRunnerSeen: Date?
  /// The start time of the oldest runner process seen alive, recorded the first time one is
  /// seen, so the run's start is still known once the runner is gone.
  public var runnerStartedAt: Date?
  public var verdict: Verdict
  /// When the scope entered its current state.
  public var since: Date
  /// Set when the scope closed; a closed scope keeps its verdict until `reset`.
  public var closedAt: Date?
  public var summary: ScopeSummary?
  /// Its series and what changed since the baseline, set when first judged COMPLETED or FAILED.
  public var history: ScopeHistory?
  public var deliveries: [DeliveryRecord]

  public init(scope: String, group: String?, now: Date) {
    self.scope = scope
    self.group = group
    firstSeen = now
    lastSeen = now
    verdict = Verdict(state: .running, reason: "first seen", rule: .awaitingStart)
    since = now
    deliveries = []
  }

  public var isClosed: Bool { closedAt != nil }

  public func delivery(for target: String, kind: DeliveryRecord.Kind) -> DeliveryRecord? {
    deliveries.first { $0.target == target && $0.kind == kind }
  }

  /// This scope with what `plan` reports for the first time marked as reported: a duplicate
  /// prevented (`duplicateReportedAt`) and an ambiguous delivery flagged (`ambiguityReported`),
  /// so each is told at notice or warning level once and at info after. An intent left in
  /// flight by a sender that died is recorded as ambiguous.
  public func markingReported(_ plan: [DeliveryDecision], now: Date) -> StoredScope {
    var marked = self
    for decision in plan {
      guard var record = delivery(for: decision.target, kind: decision.kind) else { continue }
      if decision.event == .duplicatePrevented, record.duplicateReportedAt == nil {
        record.duplicateReportedAt = now
      } else if decision.action == .none(.ambiguous), !record.ambiguityReported || record.outcome == .inFlight {
        // An intent with no outcome is a sender that died mid-flight: ambiguous from now on.
        record.ambiguityReported = true
        if record.outcome == .inFlight {
          record.outcome = .ambiguous
          record.lastError = record.lastError ?? "the sender stopped before recording an outcome"
        }
      } else {
        continue
      }
      marked.update(record)
    }
    return marked
  }

  /// Replaces or appends the delivery record for the same target and kind.
  public mutating func update(_ record: DeliveryRecord) {
    if let index = deliveries.firstIndex(where: { $0.target == record.target && $0.kind == record.kind }) {
      deliveries[index] = record
    } else {
      deliveries.append(record)
    }
  }
}

/// The totals last seen for a scope, kept for `status` and messages of closed runs.
public struct ScopeSummary: Sendable, Equatable, Codable {
  public var counts: TestCounts
  public var machinesTotal: Int
  public var machinesFailed: Int
  public var failedMachines: [String]

  public init(counts: TestCounts, machinesTotal: Int, machinesFailed: Int, failedMachines: [String]) {
    self.counts = counts
    self.machinesTotal = machinesTotal
    self.machinesFailed = machinesFailed
    self.failedMachines = failedMachines
  }

  public init(_ snapshot: RunSnapshot) {
    let failed = snapshot.machines.filter(\.failed)
    self.init(
      counts: snapshot.counts, machinesTotal: snapshot.machines.count, machinesFailed: failed.count,
      failedMachines: failed.map(\.name))
  }
}

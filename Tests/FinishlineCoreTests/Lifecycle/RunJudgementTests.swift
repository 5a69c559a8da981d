import FoundationEssentials
import Testing

@testable import FinishlineCore

/// The run's own record after its scopes are judged, and what `reset` changes in it.
@Suite("run closing and reset")
struct RunJudgementTests {
  static let now = ClassifierFixture.now

  static func run(_ scopes: [(String, String?, RunState, Bool)], kind: StoredRun.Kind = .plain) -> StoredRun {
    var stored = StoredRun(run: "P", kind: kind, now: now.addingTimeInterval(-3_600))
    for (name, group, state, closed) in scopes {
      var scope = StoredScope(scope: name, group: group, now: now.addingTimeInterval(-3_600))
      scope.verdict = Verdict(state: state, reason: "\(state) because", rule: .complete)
      if closed { scope.closedAt = now.addingTimeInterval(-60) }
      var record = DeliveryRecord(target: "chat", kind: .final, state: state)
      record.outcome = .delivered
      scope.update(record)
      stored.update(scope)
    }
    return stored
  }

  static let groups = [ScopeSpec(name: "P-smoke", group: "smoke"), ScopeSpec(name: "P-billing", group: "billing")]

  struct CloseCase: CustomTestStringConvertible, Sendable {
    var name: String
    var stored: StoredRun
    var specs: [ScopeSpec] = [ScopeSpec(name: "P")]
    var parent: RunClosing.ParentFacts?
    var state: RunState
    var closes: Bool
    var testDescription: String { name }
  }

  static func facts(configured: Bool = false, alive: Bool? = nil) -> RunClosing.ParentFacts {
    RunClosing.ParentFacts(configuredGroups: configured, endMarkerPresent: false, cancelled: false, runnerAlive: alive)
  }

  @Test(
    arguments: [
      CloseCase(
        name: "a plain run takes its closed scope's state and closes", stored: run([("P", nil, .failed, true)]),
        state: .failed, closes: true),
      CloseCase(
        name: "a plain run with an open scope stays open", stored: run([("P", nil, .running, false)]),
        state: .running, closes: false),
      CloseCase(
        name: "configured groups all closed close the parent with the most severe state",
        stored: run(
          [("P-smoke", "smoke", .completed, true), ("P-billing", "billing", .failed, true)], kind: .categorized),
        specs: groups, parent: facts(configured: true), state: .failed, closes: true),
      CloseCase(
        name: "a parent with an open group is running",
        stored: run(
          [("P-smoke", "smoke", .completed, true), ("P-billing", "billing", .running, false)], kind: .categorized),
        specs: groups, parent: facts(configured: true), state: .running, closes: false),
      CloseCase(
        name: "discovered groups all closed wait for the parent's runner to exit",
        stored: run(
          [("P-smoke", "smoke", .completed, true), ("P-billing", "billing", .completed, true)], kind: .categorized),
        specs: groups, parent: facts(alive: true), state: .running, closes: false),
    ])
  func `closing`(_ row: CloseCase) {
    let closing = RunClosing.close(row.stored, specs: row.specs, parent: row.parent, policy: Policy(), now: Self.now)
    let closed = closing.run
    #expect(closed.state == row.state)
    #expect((closed.closedAt != nil) == row.closes)
    #expect((closing.closedNow != nil) == row.closes)
    #expect(closed.lastSeen == Self.now)
    if row.parent?.runnerAlive == true { #expect(closed.runnerLastSeen == Self.now) }
    let again = RunClosing.close(closed, specs: row.specs, parent: row.parent, policy: Policy(), now: Self.now)
    #expect(again.closedNow == nil, "a run closes once")
  }

  @Test func `reset reopens closed scopes, records the transition and reopens the run`() throws {
    var stored = Self.run([("P", nil, .failed, true)])
    stored.closedAt = Self.now
    let result = try RunReset.apply(stored, group: nil, request: .reopen, now: Self.now)
    let reset = result.run
    let changes = result.changes
    let scope = try #require(reset.scope(named: "P"))
    #expect(scope.verdict.state == .running)
    #expect(scope.verdict.reason.contains("was FAILED"))
    #expect(!scope.isClosed && reset.closedAt == nil)
    #expect(scope.firstSeen == Self.now)
    #expect(scope.deliveries.count == 1, "reopening keeps what was delivered")
    #expect(reset.history.last?.to == .running)
    #expect(changes == ["P: reopened (was FAILED); windows start again now"])
  }

  @Test func `reset of a group touches that group only, and names the groups when it has none such`() throws {
    let stored = Self.run(
      [("P-smoke", "smoke", .completed, true), ("P-billing", "billing", .failed, true)], kind: .categorized)
    let result = try RunReset.apply(stored, group: "billing", request: .reopen, now: Self.now)
    let reset = result.run
    let changes = result.changes
    #expect(reset.scope(named: "P-smoke")?.isClosed == true)
    #expect(reset.scope(named: "P-billing")?.isClosed == false)
    #expect(changes.count == 1)
    #expect(throws: ResetRefusal.noSuchGroup(run: "P", group: "admin", known: ["smoke", "billing"])) {
      try RunReset.apply(stored, group: "admin", request: .reopen, now: Self.now)
    }
  }

  @Test func `forgetting a delivery that succeeded takes --resend; an unknown target is refused`() throws {
    let stored = Self.run([("P", nil, .completed, true)])
    #expect(throws: ResetRefusal.deliveredNeedsResend(scope: "P", target: "chat")) {
      try RunReset.apply(stored, group: nil, request: .forgetDelivery(target: "chat", resend: false), now: Self.now)
    }
    let result = try RunReset.apply(
      stored, group: nil, request: .forgetDelivery(target: "chat", resend: true), now: Self.now)
    let reset = result.run
    let changes = result.changes
    #expect(reset.scope(named: "P")?.deliveries.isEmpty == true)
    #expect(reset.scope(named: "P")?.isClosed == true, "forgetting a delivery does not reopen")
    #expect(changes.count == 1)
    #expect(throws: ResetRefusal.noSuchDelivery(run: "P", target: "mail")) {
      try RunReset.apply(stored, group: nil, request: .forgetDelivery(target: "mail", resend: true), now: Self.now)
    }
  }

  @Test func `reset of an open run changes nothing`() throws {
    let stored = Self.run([("P", nil, .running, false)])
    let result = try RunReset.apply(stored, group: nil, request: .reopen, now: Self.now)
    let reset = result.run
    let changes = result.changes
    #expect(reset == stored)
    #expect(changes.isEmpty)
  }
}

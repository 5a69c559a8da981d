import FoundationEssentials
import Testing

@testable import FinishlineCore

/// One row of the scope-judgement table: what is known of a scope, and what a check decides.
struct JudgementCase: CustomTestStringConvertible, Sendable {
  var name: String
  var spec = ScopeSpec(name: "B")
  var recorded: RunState?
  var recordedClosed = false
  var evidence = true
  var verdict = RunState.completed
  var parentCancelled = false
  var heldBy: String?
  var dryRun = false
  /// `nil`: the scope waits for an earlier group.
  var expected: RunState?
  var transition = true
  var closedAtOnce = false
  var actions: [DeliveryDecision.Action] = []
  var event: DeliveryDecision.Event?
  var reasonContains = ""

  var testDescription: String { name }

  static let now = ClassifierFixture.now

  func input() throws -> ScopeJudgement.Input {
    let snapshot = RunSnapshot(
      scope: spec.name, takenAt: Self.now, machines: evidence ? [ClassifierFixture.machine("vm-01", .passed)] : [],
      expectedMachinesSource: .statusLogs, runners: [], endMarker: Marker(path: nil, present: false),
      cancelMarker: Marker(path: nil, present: false), newestArtifactAt: evidence ? Self.now : nil)
    var existing: StoredScope?
    if let recorded {
      var scope = StoredScope(scope: spec.name, group: spec.group, now: Self.now.addingTimeInterval(-600))
      scope.verdict = Verdict(state: recorded, reason: "before", rule: .awaitingStart)
      if recordedClosed { scope.closedAt = Self.now.addingTimeInterval(-60) }
      existing = scope
    }
    return ScopeJudgement.Input(
      spec: spec, existing: existing, snapshot: snapshot,
      verdict: Verdict(state: verdict, reason: "classified", rule: .complete), parentCancelled: parentCancelled,
      heldBy: heldBy, targets: [try JudgementFixture.target()], policy: Policy(), now: Self.now, dryRun: dryRun)
  }
}

enum JudgementFixture {
  static func target() throws -> NotifyTarget {
    NotifyTarget(
      name: "chat", channel: .mattermost(ChatSettings()),
      url: try SecretURL("https://chat.example.com/hooks/x", schemes: ["https"]))
  }
  static let later = ScopeSpec(
    name: "B-billing", group: "billing", position: ScopeSpec.GroupPosition(index: 2, count: 2), due: false)
}

@Suite("scope judgement")
struct ScopeJudgementTests {
  static let cases: [JudgementCase] = [
    JudgementCase(
      name: "a scope first seen finished is recorded with a transition and posted", expected: .completed,
      actions: [.send(resend: false)], event: .post),
    JudgementCase(
      name: "a running scope is pending", verdict: .running, expected: .running, actions: [.none(.pending)],
      event: .pending),
    JudgementCase(
      name: "an unchanged state is no transition", recorded: .running, verdict: .running, expected: .running,
      transition: false, actions: [.none(.pending)], event: .pending),
    JudgementCase(
      name: "a later group that is not due and shows nothing waits", spec: JudgementFixture.later, evidence: false,
      verdict: .running, heldBy: "smoke", expected: nil, reasonContains: "waiting for group smoke"),
    JudgementCase(
      name: "a later group with evidence of its own is judged, its post held", spec: JudgementFixture.later,
      heldBy: "smoke", expected: .completed, actions: [.none(.pending)], event: .held,
      reasonContains: "held until group smoke is closed"),
    JudgementCase(
      name: "a waiting group of a cancelled parent is cancelled and closed at once", spec: JudgementFixture.later,
      evidence: false, verdict: .running, parentCancelled: true, heldBy: "smoke", expected: .cancelled,
      closedAtOnce: true, actions: [.none(.suppressed)], event: .suppressed, reasonContains: "parent run cancelled"),
    JudgementCase(
      name: "a group never seen before is cancelled with its parent, whatever it shows", parentCancelled: true,
      expected: .cancelled, closedAtOnce: true, actions: [.none(.suppressed)], event: .suppressed),
    JudgementCase(
      name: "a group already recorded keeps the classifier's verdict", recorded: .running, parentCancelled: true,
      expected: .completed, actions: [.send(resend: false)], event: .post),
    JudgementCase(
      name: "a sticky state closes the scope at once", verdict: .terminated, expected: .terminated,
      closedAtOnce: true, actions: [.none(.suppressed)], event: .suppressed),
    JudgementCase(
      name: "a dry run decides the post and sends nothing", dryRun: true, expected: .completed,
      actions: [.none(.dryRun)], event: .dryRun),
    JudgementCase(
      name: "a held post is still only a dry run's", heldBy: "smoke", dryRun: true, expected: .completed,
      actions: [.none(.dryRun)], event: .dryRun),
  ]

  @Test(arguments: cases)
  func `judgement`(_ row: JudgementCase) throws {
    switch ScopeJudgement.judge(try row.input()) {
    case .waiting(let reason):
      #expect(row.expected == nil, "judged as waiting: \(reason)")
      #expect(reason.contains(row.reasonContains), "\(reason)")
    case .judged(let judged):
      #expect(judged.verdict.state == row.expected)
      #expect(judged.scope.verdict == judged.verdict)
      #expect((judged.transition != nil) == row.transition)
      #expect(judged.transition?.to == judged.verdict.state || judged.transition == nil)
      #expect(judged.scope.isClosed == row.closedAtOnce)
      #expect(judged.decisions.map(\.action) == row.actions)
      #expect(judged.decisions.first?.event == row.event)
      let reasons = judged.verdict.reason + " " + judged.decisions.map(\.reason).joined(separator: " ")
      #expect(reasons.contains(row.reasonContains), "\(reasons)")
    }
  }

  @Test func `a parent's present cancel marker replaces the scope's own for classification`() throws {
    let snapshot = try JudgementCase(name: "").input().snapshot
    let marker = Marker(path: "/state/P.cancel", present: true, note: "cancelled by ana")
    let (classified, _, verdict) = ScopeJudgement.classify(
      snapshot, stored: nil, parentCancel: marker, resultFilesExpected: true, policy: Policy(),
      now: JudgementCase.now)
    #expect(classified.cancelMarker == marker)
    #expect(verdict.state == .cancelled)
    let absent = ScopeJudgement.classify(
      snapshot, stored: nil, parentCancel: Marker(path: "/state/P.cancel", present: false),
      resultFilesExpected: true, policy: Policy(), now: JudgementCase.now)
    #expect(absent.snapshot.cancelMarker.path == nil)
  }

  struct SettleCase: CustomTestStringConvertible, Sendable {
    var name: String
    var state: RunState
    var record: DeliveryRecord.Outcome?
    var closes: Bool
    var testDescription: String { name }
  }

  @Test(
    arguments: [
      SettleCase(name: "a delivered final status closes", state: .completed, record: .delivered, closes: true),
      SettleCase(name: "a refused final status closes", state: .failed, record: .terminalFailure, closes: true),
      SettleCase(name: "an ambiguous final status closes", state: .failed, record: .ambiguous, closes: true),
      SettleCase(
        name: "an intent left in flight becomes ambiguous and closes", state: .failed, record: .inFlight, closes: true),
      SettleCase(name: "a transient failure stays open", state: .completed, record: .transientFailure, closes: false),
      SettleCase(name: "a post not made stays open", state: .completed, record: nil, closes: false),
      SettleCase(name: "a running scope stays open", state: .running, record: nil, closes: false),
      SettleCase(name: "a hung scope stays open", state: .hung, record: nil, closes: false),
    ])
  func `settling`(_ row: SettleCase) throws {
    let target = try JudgementFixture.target()
    var scope = StoredScope(scope: "B", group: nil, now: JudgementCase.now)
    if let outcome = row.record {
      var record = DeliveryRecord(target: "chat", kind: .final, state: row.state)
      record.outcome = outcome
      record.firstAttemptAt = JudgementCase.now
      scope.update(record)
    }
    let verdict = Verdict(state: row.state, reason: "", rule: .complete)
    let decisions = PostingPlanner.plan(
      verdict: verdict, scope: scope, targets: [target], policy: Policy(), now: JudgementCase.now, dryRun: false)
    let settled = ScopeJudgement.settle(
      scope, verdict: verdict, decisions: decisions, targets: [target], policy: Policy(),
      now: JudgementCase.now)
    #expect(settled.isClosed == row.closes)
    if row.record == .delivered {
      #expect(settled.delivery(for: "chat", kind: .final)?.duplicateReportedAt == JudgementCase.now)
    }
    if row.record == .ambiguous || row.record == .inFlight {
      let record = settled.delivery(for: "chat", kind: .final)
      #expect(record?.ambiguityReported == true)
      #expect(record?.outcome == .ambiguous)
    }
  }

  @Test func `sub-runs follow the group order; each is due once the one before it is closed`() {
    var stored = StoredRun(run: "P", kind: .categorized, now: JudgementCase.now)
    var smoke = StoredScope(scope: "P-smoke", group: "smoke", now: JudgementCase.now)
    smoke.closedAt = JudgementCase.now
    stored.update(smoke)
    stored.update(StoredScope(scope: "P-billing", group: "billing", now: JudgementCase.now))
    let specs = ScopeSpec.subRuns(
      of: "P", groups: ["smoke", "billing", "admin"], template: "{run}-{group}", stored: stored)
    #expect(specs.map(\.name) == ["P-smoke", "P-billing", "P-admin"])
    #expect(specs.map(\.due) == [true, true, false])
    #expect(specs.map { $0.position?.index } == [1, 2, 3])
    #expect(specs.allSatisfy { $0.position?.count == 3 })
  }
}

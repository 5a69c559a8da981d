import FoundationEssentials
import Testing

@testable import FinishlineCore

struct PlannerCase: CustomTestStringConvertible, Sendable {
  var name: String
  var state: RunState
  var record: DeliveryRecord.Outcome?
  var firstAttemptHoursAgo: Double = 1
  var on: Set<RunState> = [.completed, .failed]
  var onAmbiguous: NotifyTarget.AmbiguousPolicy = .skip
  var dryRun = false
  var expected: DeliveryDecision.Action
  var event: DeliveryDecision.Event
  var settled: Bool

  var testDescription: String { name }
}

@Suite("posting decision")
struct PostingPlannerTests {
  static let cases: [PlannerCase] = [
    PlannerCase(
      name: "a completed scope is posted", state: .completed, expected: .send(resend: false), event: .post,
      settled: false),
    PlannerCase(
      name: "a failed scope is posted", state: .failed, expected: .send(resend: false), event: .post, settled: false),
    PlannerCase(
      name: "an already delivered scope is a prevented duplicate", state: .completed, record: .delivered,
      expected: .none(.alreadyDelivered), event: .duplicatePrevented, settled: true),
    PlannerCase(
      name: "a running scope is pending", state: .running, expected: .none(.pending), event: .pending, settled: false),
    PlannerCase(
      name: "a cancelled scope is never posted", state: .cancelled, expected: .none(.suppressed), event: .suppressed,
      settled: true),
    PlannerCase(
      name: "a hung scope is never posted", state: .hung, expected: .none(.suppressed), event: .suppressed,
      settled: true),
    PlannerCase(
      name: "a terminated scope is never posted", state: .terminated, expected: .none(.suppressed), event: .suppressed,
      settled: true),
    PlannerCase(
      name: "an unknown scope is never posted", state: .unknown, expected: .none(.suppressed), event: .suppressed,
      settled: true),
    PlannerCase(
      name: "a target that does not subscribe to failed is suppressed", state: .failed, on: [.completed],
      expected: .none(.suppressed), event: .suppressed, settled: true),
    PlannerCase(
      name: "a terminal failure is not retried", state: .failed, record: .terminalFailure,
      expected: .none(.terminalFailure), event: .suppressed, settled: true),
    PlannerCase(
      name: "a transient failure is retried", state: .failed, record: .transientFailure,
      expected: .send(resend: false), event: .post, settled: false),
    PlannerCase(
      name: "a transient failure older than give_up_after expires", state: .failed, record: .transientFailure,
      firstAttemptHoursAgo: 25, expected: .none(.terminalFailure), event: .expired, settled: true),
    PlannerCase(
      name: "an ambiguous attempt is not resent by default", state: .completed, record: .ambiguous,
      expected: .none(.ambiguous), event: .suppressed, settled: true),
    PlannerCase(
      name: "an intent left by a killed sender is ambiguous", state: .completed, record: .inFlight,
      expected: .none(.ambiguous), event: .suppressed, settled: true),
    PlannerCase(
      name: "an ambiguous attempt is resent when the target asks for it", state: .completed, record: .ambiguous,
      onAmbiguous: .resend, expected: .send(resend: true), event: .post, settled: false),
    PlannerCase(
      name: "a dry run reports what it would post", state: .completed, dryRun: true, expected: .none(.dryRun),
      event: .dryRun, settled: false),
    PlannerCase(
      name: "a dry run still prevents duplicates", state: .completed, record: .delivered, dryRun: true,
      expected: .none(.alreadyDelivered), event: .duplicatePrevented, settled: true),
  ]

  @Test(arguments: cases)
  func `decision`(_ scenario: PlannerCase) throws {
    let now = ClassifierFixture.now
    let url = try SecretURL("https://chat.example.com/hooks/abc123secret", schemes: ["https"])
    let target = NotifyTarget(
      name: "atvm", channel: .mattermost(ChatSettings()), url: url, on: scenario.on, onAmbiguous: scenario.onAmbiguous)
    var scope = StoredScope(scope: "B", group: nil, now: now)
    if let outcome = scenario.record {
      var record = DeliveryRecord(target: "atvm", kind: .final, state: scenario.state)
      record.outcome = outcome
      record.attempts = 1
      record.firstAttemptAt = now.addingTimeInterval(-scenario.firstAttemptHoursAgo * 3600)
      scope.update(record)
    }
    let plan = PostingPlanner.plan(
      verdict: Verdict(state: scenario.state, reason: "because", rule: .complete), scope: scope, targets: [target],
      policy: Policy(), now: now, dryRun: scenario.dryRun)
    let decision = try #require(plan.first)
    #expect(decision.action == scenario.expected)
    #expect(decision.event == scenario.event)
    #expect(decision.isSettled == scenario.settled)
    #expect(!decision.reason.isEmpty)
  }

  @Test func `each target is decided on its own`() throws {
    let url = try SecretURL("https://chat.example.com/hooks/x", schemes: ["https"])
    let targets = [
      NotifyTarget(name: "a", channel: .mattermost(ChatSettings()), url: url),
      NotifyTarget(name: "b", channel: .mattermost(ChatSettings()), url: url),
    ]
    var scope = StoredScope(scope: "B", group: nil, now: ClassifierFixture.now)
    var delivered = DeliveryRecord(target: "a", kind: .final, state: .completed)
    delivered.outcome = .delivered
    scope.update(delivered)
    let plan = PostingPlanner.plan(
      verdict: Verdict(state: .completed, reason: "", rule: .complete), scope: scope, targets: targets,
      policy: Policy(), now: ClassifierFixture.now, dryRun: false)
    #expect(plan.map(\.action) == [.none(.alreadyDelivered), .send(resend: false)])
  }
}

@Suite("operator alerts")
struct OperatorAlertTests {
  func decision(_ state: RunState, on: Set<RunState>, record: DeliveryRecord.Outcome? = nil) throws -> DeliveryDecision
  {
    let url = try SecretURL("https://hooks.example.com/alert", schemes: ["https"])
    var scope = StoredScope(scope: "B", group: nil, now: ClassifierFixture.now)
    if let record {
      var entry = DeliveryRecord(target: "oncall", kind: .alert, state: state)
      entry.outcome = record
      scope.update(entry)
    }
    return try #require(
      PostingPlanner.plan(
        verdict: Verdict(state: state, reason: "why", rule: .noProgress), scope: scope,
        targets: [NotifyTarget(name: "oncall", channel: .webhook, url: url, on: on)], policy: Policy(),
        now: ClassifierFixture.now, dryRun: false
      ).first)
  }

  @Test(arguments: [RunState.hung, .terminated, .unknown])
  func `a subscribed target gets one needs attention alert`(_ state: RunState) throws {
    let first = try decision(state, on: [state])
    #expect(first.action == .send(resend: false))
    #expect(first.kind == .alert)
    #expect(first.event == .alert)
    let again = try decision(state, on: [state], record: .delivered)
    #expect(again.action == .none(.alreadyDelivered))
  }

  @Test func `an unsubscribed target gets no alert`() throws {
    #expect(try decision(.hung, on: [.completed, .failed]).action == .none(.suppressed))
  }

  @Test func `cancelled is never alerted even when listed`() throws {
    #expect(try decision(.cancelled, on: [.cancelled]).action == .none(.suppressed))
  }

  @Test func `a final status is not an alert`() throws {
    let decision = try decision(.failed, on: [.failed, .hung])
    #expect(decision.kind == .final)
    #expect(decision.action == .send(resend: false))
  }
}

@Suite("only_new_failures")
struct OnlyNewFailuresTests {
  static let known = HistoryLabels.StillFailing(test: "a.cy.js › known", since: "n-398", runs: 14)

  static let cases: [(String, RunState, Bool, HistoryLabels?, DeliveryDecision.Action, DeliveryDecision.Event)] = [
    (
      "every failure known", .failed, true, .init(comparedWith: "n-411", stillFailing: [known]), .none(.suppressed),
      .noNewFailures
    ),
    (
      "one new failure", .failed, true, .init(comparedWith: "n-411", new: ["b"], stillFailing: [known]),
      .send(resend: false), .post
    ),
    (
      "the first run of a series: every failure is new", .failed, true, .init(comparedWith: nil, new: ["b"]),
      .send(resend: false), .post
    ),
    (
      "no failing test at all: what failed is not known", .failed, true, .init(comparedWith: "n-411"),
      .send(resend: false), .post
    ),
    ("history off or not recorded: nothing is known", .failed, true, nil, .send(resend: false), .post),
    ("a completed run is posted as ever", .completed, true, .init(comparedWith: "n-411"), .send(resend: false), .post),
    ("the key unset", .failed, false, .init(comparedWith: "n-411", stillFailing: [known]), .send(resend: false), .post),
  ]

  @Test(arguments: cases)
  func `a target that wants only new failures`(
    _ name: String, _ state: RunState, _ onlyNew: Bool, _ labels: HistoryLabels?, _ action: DeliveryDecision.Action,
    _ event: DeliveryDecision.Event
  ) throws {
    var target = NotifyTarget(
      name: "qa", channel: .webhook, url: try SecretURL("https://hooks.example.com/x", schemes: ["https"]))
    target.onlyNewFailures = onlyNew
    var scope = StoredScope(scope: "n-412", group: nil, now: ClassifierFixture.now)
    scope.history = labels.map { ScopeHistory(series: "n", labels: $0) }
    let decision = try #require(
      PostingPlanner.plan(
        verdict: Verdict(state: state, reason: "", rule: .complete), scope: scope, targets: [target],
        policy: Policy(), now: ClassifierFixture.now, dryRun: false
      ).first)

    #expect(decision.action == action, "\(name)")
    #expect(decision.event == event, "\(name)")
    if event == .noNewFailures {
      #expect(decision.reason.hasPrefix("no new failures since n-411"), "\(decision.reason)")
      #expect(decision.reason.contains("only_new_failures = true"))
    }
  }
}

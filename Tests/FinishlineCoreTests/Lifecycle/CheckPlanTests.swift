import FoundationEssentials
import Testing

@testable import FinishlineCore

/// The pieces of one plan that used to be decided in the pipeline: what each mode may do, how
/// loudly a decision is logged, which group holds later posts, what a decision reports, the exit
/// status, retries within the deadline, the quarantined record and a run's targets.
@Suite("one plan: modes, prominence, hold order, reports, exit, retries, targets")
struct CheckPlanTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  static func decision(_ action: DeliveryDecision.Action, _ event: DeliveryDecision.Event) -> DeliveryDecision {
    DeliveryDecision(target: "chat", kind: .final, action: action, event: event, reason: "because")
  }

  @Test(arguments: [
    (CheckMode.deliver, true, false, false), (.dryRun, false, false, false), (.explain, false, true, false),
    (.preview, false, true, true),
  ])
  func `only a real check writes and only explaining judges a closed run afresh`(
    _ mode: CheckMode, _ writes: Bool, _ afresh: Bool, _ addresses: Bool
  ) {
    #expect(mode.writes == writes)
    #expect(mode.judgesAfresh == afresh)
    #expect(mode.addressesDryPosts == addresses)
  }

  struct ProminenceCase: Sendable, CustomTestStringConvertible {
    var name: String
    var decision: DeliveryDecision
    var ambiguityReported: Bool? = nil
    var duplicateReported = false
    var expected: DecisionProminence
    var event: String
    var testDescription: String { name }
  }

  static let prominenceCases: [ProminenceCase] = [
    ProminenceCase(name: "a post", decision: decision(.send(resend: false), .post), expected: .notice, event: "post"),
    ProminenceCase(
      name: "the first duplicate prevented", decision: decision(.none(.alreadyDelivered), .duplicatePrevented),
      expected: .notice, event: "duplicate-prevented"),
    ProminenceCase(
      name: "a later duplicate prevented", decision: decision(.none(.alreadyDelivered), .duplicatePrevented),
      duplicateReported: true, expected: .info, event: "duplicate-prevented"),
    ProminenceCase(
      name: "an ambiguous delivery seen first", decision: decision(.none(.ambiguous), .suppressed),
      ambiguityReported: false, expected: .warning, event: "ambiguous"),
    ProminenceCase(
      name: "an ambiguous delivery already flagged", decision: decision(.none(.ambiguous), .suppressed),
      ambiguityReported: true, expected: .info, event: "suppressed"),
    ProminenceCase(
      name: "a suppression", decision: decision(.none(.suppressed), .suppressed), expected: .info,
      event: "suppressed"),
    ProminenceCase(
      name: "a dry run's post", decision: decision(.none(.dryRun), .dryRun), expected: .info, event: "dry-run"),
  ]

  @Test(arguments: prominenceCases)
  func `a decision is logged loudly only the first time it matters`(_ row: ProminenceCase) {
    var record: DeliveryRecord?
    if let reported = row.ambiguityReported {
      record = DeliveryRecord(target: "chat", kind: .final, state: .completed)
      record?.ambiguityReported = reported
    }
    if row.duplicateReported {
      record = DeliveryRecord(target: "chat", kind: .final, state: .completed)
      record?.duplicateReportedAt = Self.now
    }
    let (prominence, event) = row.decision.prominence(record: record)
    #expect(prominence == row.expected)
    #expect(event == row.event)
  }

  @Test func `the first open group holds every later groups posts`() {
    var stored = StoredRun(run: "R", kind: .categorized, now: Self.now)
    var smoke = StoredScope(scope: "R-smoke", group: "smoke", now: Self.now)
    smoke.closedAt = Self.now
    stored.update(smoke)
    stored.update(StoredScope(scope: "R-billing", group: "billing", now: Self.now))
    let closed = ScopeSpec(name: "R-smoke", group: "smoke")
    let open = ScopeSpec(name: "R-billing", group: "billing")
    let unseen = ScopeSpec(name: "R-late", group: "late")
    #expect(SubRunSchedule.holder(nil, after: closed, in: stored) == nil, "a closed group holds nothing")
    #expect(SubRunSchedule.holder(nil, after: open, in: stored) == "billing")
    #expect(SubRunSchedule.holder(nil, after: unseen, in: stored) == "late", "a group never recorded is open")
    #expect(SubRunSchedule.holder("smoke", after: open, in: stored) == "smoke", "the earliest open group holds")
    #expect(SubRunSchedule.holder(nil, after: ScopeSpec(name: "R"), in: stored) == "R", "a plain run by name")
  }

  @Test(arguments: [
    (DeliveryDecision.Action.send(resend: false), DeliveryReport.View.thisCheck, ReportedOutcome.pending),
    (.none(.alreadyDelivered), .thisCheck, .alreadyDelivered), (.none(.alreadyDelivered), .recorded, .delivered),
    (.none(.suppressed), .recorded, .suppressed), (.none(.dryRun), .thisCheck, .dryRun),
    (.none(.terminalFailure), .recorded, .terminalFailure),
  ])
  func `a decision reports its outcome and the recorded attempts`(
    _ action: DeliveryDecision.Action, _ view: DeliveryReport.View, _ expected: ReportedOutcome
  ) {
    var record = DeliveryRecord(target: "chat", kind: .final, state: .completed)
    record.recordIntent(at: Self.now)
    record.recordIntent(at: Self.now)
    let report = DeliveryReport(decision: Self.decision(action, .post), record: record, view: view)
    #expect(report == DeliveryReport(target: "chat", outcome: expected, attempts: 2))
    #expect(DeliveryReport(decision: Self.decision(action, .post), record: nil, view: view).attempts == 0)
  }

  @Test(arguments: [
    ([ReportedOutcome](), FinishlineCore.ExitStatus.ok, nil as String?), ([.delivered, .suppressed], .ok, nil),
    ([.delivered, .transientFailure], .deliveryFailing, "delivery failing for t1"),
    ([.terminalFailure, .transientFailure], .deliveryFailing, "delivery failing for t0, t1"),
  ])
  func `a check exits sixty nine while a delivery it owes is failing`(
    _ outcomes: [ReportedOutcome], _ status: FinishlineCore.ExitStatus, _ message: String?
  ) {
    let deliveries = outcomes.enumerated().map { DeliveryReport(target: "t\($0)", outcome: $1, attempts: 1) }
    let scope = ScopeReport(
      scope: "R", group: nil, state: .completed, reason: "", counts: TestCounts(),
      machines: MachineTotals(total: 0, failed: 0), deliveries: deliveries)
    let exit = CheckReport(run: "R", scopes: [scope]).exit
    #expect(exit.status == status)
    #expect(exit.message == message)
  }

  @Test(arguments: [
    (AttemptOutcome.delivered, 1, 50.0, RetryPolicy.Step.stop),
    (.terminal(detail: "404"), 1, 50.0, .stop),
    (.transient(detail: "503", retryAfter: nil), 1, 50.0, .retry(after: 0.5)),
    (.transient(detail: "503", retryAfter: 10), 2, 50.0, .retry(after: 10)),
    (.transient(detail: "503", retryAfter: 10), 2, 10.5, .stop),
    (.transient(detail: "503", retryAfter: nil), 5, 50.0, .stop),
  ])
  func `only a transient failure is retried and only while the deadline leaves room`(
    _ outcome: AttemptOutcome, _ attempt: Int, _ remaining: Double, _ expected: RetryPolicy.Step
  ) {
    #expect(RetryPolicy().step(after: outcome, attempt: attempt, remaining: remaining, unit: 0.5) == expected)
  }

  @Test(arguments: [(15.0, 60.0, 15.0 as Double?), (15.0, 4.0, 4.0), (15.0, 0.5, nil), (15.0, -3.0, nil)])
  func `an attempt takes its timeout cut to the deadline`(_ timeout: Double, _ remaining: Double, _ expected: Double?) {
    #expect(RetryPolicy.budget(timeout: timeout, remaining: remaining) == expected)
  }

  @Test func `an untrusted state file leaves a closed unknown run that posts nothing`() {
    let stored = StoredRun.quarantined("R", reason: "state file torn; moved aside", now: Self.now)
    #expect(stored.state == .unknown && stored.closedAt == Self.now)
    #expect(stored.scopes.map(\.verdict.state) == [.unknown])
    #expect(stored.scopes.allSatisfy { $0.isClosed && $0.deliveries.isEmpty })
    #expect(stored.history.map(\.to) == [.unknown])
  }

  @Test func `a runs targets are its notify tables then the subscriptions for its job`() throws {
    var configuration = Configuration(file: "f.toml", stateDir: "/s", run: RunSources(root: "/r"))
    configuration.notify = [
      NotifyTarget(
        name: "chat", channel: .mattermost(ChatSettings()),
        url: try SecretURL("https://c.example.com/h", schemes: ["https"]))
    ]
    let subscriptions = [
      AlertSubscription(
        id: "aaaa1111", job: "nightly-*", kind: .webhook, target: "https://w.example.com/x", on: [.timeout]),
      AlertSubscription(
        id: "bbbb2222", job: "release-*", kind: .webhook, target: "https://w.example.com/y", on: [.timeout]),
    ]
    #expect(
      configuration.targets(for: "nightly-7", subscriptions: subscriptions).map(\.name) == ["chat", "alert-aaaa1111"])
    #expect(configuration.targets(for: "adhoc", subscriptions: subscriptions).map(\.name) == ["chat"])
  }

  @Test func `a post is addressed with its kind and the configured mention before any look up`() throws {
    let target = try SampleMessage.target(.mattermost)
    var message = SampleMessage.failed()
    message.triggeredBy = "Alice <ALICE@example.com>"
    let alert = DeliveryDecision(
      target: target.name, kind: .alert, action: .send(resend: false), event: .alert, reason: "")
    var lookedUp = 0
    let configured = PlannedDelivery.addressed(
      message, for: alert, target: target, mentions: ["alice@example.com": "alice"],
      lookedUp: {
        lookedUp += 1; return "@other"
      })
    #expect(configured.kind == .alert && configured.mention == "@alice")
    #expect(lookedUp == 0, "a mention [mentions] gives is not looked up")
    let unknown = PlannedDelivery.addressed(message, for: alert, target: target, mentions: [:], lookedUp: { "@found" })
    #expect(unknown.mention == "@found")
  }
}

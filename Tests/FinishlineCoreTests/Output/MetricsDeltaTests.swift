import FoundationEssentials
import Testing

@testable import FinishlineCore

struct MetricsCase: CustomTestStringConvertible, Sendable {
  var name: String
  var state: RunState
  var record: DeliveryRecord.Outcome?
  var firstAttemptHoursAgo: Double = 1
  var on: Set<RunState> = [.completed, .failed]
  var dryRun = false
  /// How the send ended, for decisions that send.
  var sent: ReportedOutcome?
  var suppression: String?
  var delivery: String?
  var posted = false
  var duplicate = false

  var testDescription: String { name }
}

@Suite("metrics of one check")
struct MetricsDeltaTests {
  static let cases: [MetricsCase] = [
    MetricsCase(
      name: "a delivered post", state: .failed, sent: .delivered, delivery: "delivered", posted: true),
    MetricsCase(
      name: "a send that failed transiently", state: .completed, sent: .transientFailure,
      delivery: "transient-failure"),
    MetricsCase(
      name: "a send refused for good", state: .completed, sent: .terminalFailure, delivery: "terminal-failure"
    ),
    MetricsCase(
      name: "a send that got no answer", state: .completed, sent: .ambiguous, delivery: "ambiguous"),
    MetricsCase(name: "an already delivered target", state: .completed, record: .delivered, duplicate: true),
    MetricsCase(name: "a running scope", state: .running, suppression: "pending"),
    MetricsCase(name: "a cancelled scope", state: .cancelled, suppression: "not-final"),
    MetricsCase(name: "a hung scope", state: .hung, suppression: "not-final"),
    MetricsCase(
      name: "a state the target leaves out", state: .failed, on: [.completed], suppression: "not-subscribed"),
    MetricsCase(
      name: "an earlier terminal failure", state: .failed, record: .terminalFailure,
      suppression: "terminal-failure"),
    MetricsCase(
      name: "a transient failure past give_up_after", state: .failed, record: .transientFailure,
      firstAttemptHoursAgo: 25,
      suppression: "expired"),
    MetricsCase(
      name: "an earlier ambiguous send", state: .completed, record: .ambiguous, suppression: "ambiguous"),
    MetricsCase(name: "a dry run", state: .completed, dryRun: true, suppression: "dry-run"),
  ]

  /// The decisions come from the real planner, so a renamed planner event shows up here.
  @Test(arguments: cases)
  func `each decision is counted once, under its label`(_ scenario: MetricsCase) throws {
    let now = ClassifierFixture.now
    let url = try SecretURL("https://chat.example.com/hooks/abc123secret", schemes: ["https"])
    let target = NotifyTarget(name: "atvm", channel: .mattermost(ChatSettings()), url: url, on: scenario.on)
    var scope = StoredScope(scope: "B-42", group: nil, now: now)
    if let outcome = scenario.record {
      var record = DeliveryRecord(target: "atvm", kind: .final, state: scenario.state)
      record.outcome = outcome
      record.firstAttemptAt = now.addingTimeInterval(-scenario.firstAttemptHoursAgo * 3600)
      scope.update(record)
    }
    let plan = PostingPlanner.plan(
      verdict: Verdict(state: scenario.state, reason: "because", rule: .complete), scope: scope,
      targets: [target],
      policy: Policy(), now: now, dryRun: scenario.dryRun)
    let decision = try #require(plan.first)
    #expect(decision.sends == (scenario.sent != nil))
    let reported =
      scenario.sent ?? { if case .none(let outcome) = decision.action { outcome } else { .pending } }()
    let report = CheckReport(
      run: "B-42",
      scopes: [
        ScopeReport(
          scope: "B-42", group: nil, state: scenario.state, reason: "because", counts: TestCounts(),
          machines: MachineTotals(total: 1, failed: 0),
          deliveries: [DeliveryReport(target: "atvm", outcome: reported, attempts: 1)])
      ])

    let delta = MetricsDelta(exit: .ok, report: report, plans: ["B-42": plan], targets: [target])

    var expected = MetricsCounters()
    expected.checks = ["0": 1]
    if let suppression = scenario.suppression { expected.suppressions = [suppression: 1] }
    if let delivery = scenario.delivery { expected.deliveries = [delivery: 1] }
    if scenario.posted { expected.posts = ["mattermost": [scenario.state.rawValue: 1]] }
    if scenario.duplicate { expected.duplicatesPrevented = 1 }
    #expect(delta.increments == expected)
  }

  @Test func `a check without a report still counts its exit code`() {
    let delta = MetricsDelta(exit: .lockBusy, report: nil, plans: [:], targets: [])
    var expected = MetricsCounters()
    expected.checks = ["75": 1]
    #expect(delta.increments == expected)
  }

  @Test func `every suppression reason label is distinct and lower case`() {
    let labels = SuppressionReason.allCases.map(\.rawValue)
    #expect(Set(labels).count == labels.count)
    #expect(labels.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
  }

  @Test func `adding counters sums every series`() {
    var total = MetricsCounters()
    var one = MetricsDelta()
    one.checked(exit: .ok)
    one.post(targetType: "mattermost", state: .failed)
    one.delivery(.delivered)
    total.add(one.increments)
    total.add(one.increments)
    var other = MetricsDelta()
    other.checked(exit: .deliveryFailing)
    other.delivery(.transientFailure)
    total.add(other.increments)
    #expect(total.checks == ["0": 2, "69": 1])
    #expect(total.posts == ["mattermost": ["FAILED": 2]])
    #expect(total.deliveries == ["delivered": 2, "transient-failure": 1])
  }
}

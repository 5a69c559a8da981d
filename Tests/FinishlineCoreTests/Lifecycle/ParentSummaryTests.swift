import FoundationEssentials
import Testing

@testable import FinishlineCore

/// The parent of a categorized run: its summary state and when it closes.
@Suite("categorized parent summary")
struct ParentSummaryTests {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  static func group(_ name: String, _ state: RunState?, closed: Bool = true) -> ParentSummary.Group {
    ParentSummary.Group(name: name, state: state, closed: closed)
  }

  static func evidence(
    configured: Bool = false, endMarker: Bool = false, cancelled: Bool = false, runnerAlive: Bool? = false,
    runnerSecondsAgo: Double? = nil, watchedHours: Double = 1
  ) -> ParentSummary.Evidence {
    ParentSummary.Evidence(
      configuredGroups: configured, endMarkerPresent: endMarker, cancelled: cancelled, runnerAlive: runnerAlive,
      runnerLastSeen: runnerSecondsAgo.map { now.addingTimeInterval(-$0) },
      firstSeen: now.addingTimeInterval(-watchedHours * 3_600))
  }

  @Test(
    arguments: [
      ([group("smoke", .completed), group("billing", .failed), group("admin", .terminated)], RunState.terminated),
      ([group("smoke", .terminated), group("billing", .completed)], .terminated),
      ([group("smoke", .completed), group("billing", .failed)], .failed),
      ([group("smoke", .completed), group("billing", .completed)], .completed),
      ([group("smoke", .cancelled), group("billing", .failed)], .cancelled),
      ([group("smoke", .hung), group("billing", .unknown)], .unknown),
      ([group("smoke", .completed), group("billing", .running, closed: false)], .running),
      ([], .running),
    ])
  func `the summary is RUNNING while a group is open, else the most severe group state`(
    groups: [ParentSummary.Group], expected: RunState
  ) {
    #expect(ParentSummary.state(of: groups) == expected)
  }

  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var evidence: ParentSummary.Evidence
    var closed: Bool
    var reasonContains = ""
    var testDescription: String { name }
  }

  static let cases = [
    Case(name: "configured groups all closed close the parent", evidence: evidence(configured: true), closed: true),
    Case(
      name: "discovered groups all closed, parent runner never seen: wait", evidence: evidence(), closed: false,
      reasonContains: "groups are discovered, so more may start"),
    Case(
      name: "discovered groups, parent runner alive: wait for it to exit", evidence: evidence(runnerAlive: true),
      closed: false, reasonContains: "its runner to exit"),
    Case(
      name: "parent runner gone within settle: wait", evidence: evidence(runnerSecondsAgo: 30), closed: false,
      reasonContains: "gone 30s of 2m settle"),
    Case(name: "parent runner gone past settle: close", evidence: evidence(runnerSecondsAgo: 600), closed: true),
    Case(name: "the parent's end marker closes it", evidence: evidence(endMarker: true), closed: true),
    Case(name: "the parent's cancel closes it", evidence: evidence(cancelled: true), closed: true),
    Case(name: "max_runtime closes it", evidence: evidence(watchedHours: 13), closed: true),
    Case(
      name: "without runner_match only the end marker or max_runtime close it", evidence: evidence(runnerAlive: nil),
      closed: false, reasonContains: "its end marker, or max_runtime 12h"),
  ]

  @Test(arguments: cases)
  func `closing`(_ example: Case) {
    let summary = ParentSummary.summarize(
      [Self.group("smoke", .completed)], parent: example.evidence, policy: Policy(), now: Self.now)
    #expect(summary.closed == example.closed, "\(summary.reason)")
    #expect(summary.reason.contains(example.reasonContains), "\(summary.reason)")
  }

  @Test func `an open group keeps even a configured parent open`() {
    let summary = ParentSummary.summarize(
      [Self.group("smoke", .completed), Self.group("billing", nil, closed: false)],
      parent: Self.evidence(configured: true), policy: Policy(), now: Self.now)
    #expect(!summary.closed)
    #expect(summary.reason == "2 groups: smoke COMPLETED, billing waiting")
  }
}

/// One scope's ledger, whichever way it was checked.
@Suite("shared delivery ledger")
struct DeliveryLedgerTests {
  static func record(_ target: String, _ outcome: DeliveryRecord.Outcome) -> DeliveryRecord {
    var record = DeliveryRecord(target: target, kind: .final, state: .completed)
    record.outcome = outcome
    return record
  }

  @Test(
    arguments: [
      (DeliveryRecord.Outcome.transientFailure, DeliveryRecord.Outcome.delivered, DeliveryRecord.Outcome.delivered),
      (.delivered, .transientFailure, .delivered),
      (.terminalFailure, .inFlight, .inFlight),
      (.ambiguous, .terminalFailure, .ambiguous),
      (.delivered, .ambiguous, .delivered),
    ])
  func `a record is adopted when missing or further along, never moved back`(
    own: DeliveryRecord.Outcome, other: DeliveryRecord.Outcome, result: DeliveryRecord.Outcome
  ) {
    let merged = DeliveryLedger.adopt([Self.record("atvm", other)], into: [Self.record("atvm", own)])
    #expect(merged.map(\.outcome) == [result])
  }

  @Test func `a target only the other knows is adopted`() {
    let merged = DeliveryLedger.adopt([Self.record("mail", .delivered)], into: [Self.record("atvm", .delivered)])
    #expect(merged.map(\.target) == ["atvm", "mail"])
  }

  @Test(
    arguments: [
      ("BUILD-44-smoke", "{run}-{group}", ["BUILD-44/smoke", "BUILD/44-smoke"]),
      ("smoke.BUILD-44", "{group}.{run}", ["BUILD-44/smoke"]),
      ("BUILD-44", "{run}-{group}", ["BUILD/44"]),
      ("BUILD44", "{run}-{group}", []),
      ("x-smoke", "ci-{run}-{group}", []),
      ("ci-B-smoke", "ci-{run}-{group}", ["B/smoke"]),
    ])
  func `a sub-run's build name names its possible parents`(scope: String, template: String, expected: [String]) {
    let found = SubRunNaming.parentCandidates(of: scope, template: template).map { "\($0.run)/\($0.group)" }
    #expect(Set(found) == Set(expected))
  }
}

import Foundation
import Testing

@testable import FinishlineCore
@testable import FinishlineSystem

/// The hand reader of state files gives `Decodable`'s value or none at all, and knows every
/// stored property of every type it reads.
@Suite("state file reader")
struct StoredRunReaderTests {
  /// `lastRunnerSeen` → `last_runner_seen`, as `StateCoding.encoder` writes keys.
  static func snakeCase(_ name: String) -> String {
    name.reduce(into: "") { $0 += $1.isUppercase ? "_" + $1.lowercased() : String($1) }
  }

  static func propertyKeys(of value: Any) -> [String] {
    Mirror(reflecting: value).children.compactMap(\.label).map(snakeCase)
  }

  @Test func `the reader knows exactly the stored properties of every type it reads`() {
    let now = Date(timeIntervalSince1970: 0)
    let samples: [String: Any] = [
      "StoredRun": StoredRun(run: "r", kind: .plain, now: now),
      "StoredScope": StoredScope(scope: "r", group: nil, now: now),
      "Verdict": Verdict(state: .running, reason: "", rule: .awaitingStart),
      "ScopeSummary": ScopeSummary(counts: TestCounts(), machinesTotal: 0, machinesFailed: 0, failedMachines: []),
      "TestCounts": TestCounts(),
      "ScopeHistory": ScopeHistory(series: "s", labels: HistoryLabels(comparedWith: nil)),
      "HistoryLabels": HistoryLabels(comparedWith: nil),
      "StillFailing": HistoryLabels.StillFailing(test: "t", since: "s", runs: 1),
      "Flaky": HistoryLabels.Flaky(test: "t", flips: 1, window: 2),
      "DeliveryRecord": DeliveryRecord(target: "t", kind: .final, state: .completed),
      "Transition": Transition(at: now, scope: "r", from: nil, to: .running, reason: ""),
    ]
    #expect(Set(samples.keys) == Set(StoredRunReader.keys.keys))
    for (type, sample) in samples {
      #expect(Self.propertyKeys(of: sample) == StoredRunReader.keys[type], "\(type)")
    }
  }

  /// A full state file as `StateCoding.encoder` writes it, every optional field set.
  static func fullRun() throws -> Data {
    let now = Date(timeIntervalSince1970: 1_764_000_000)
    var scope = StoredScope(scope: "nightly-7", group: "smoke", now: now)
    scope.lastProgress = now
    scope.lastRunnerSeen = now
    scope.runnerStartedAt = now
    scope.closedAt = now
    scope.summary = ScopeSummary(
      counts: TestCounts(passed: 3, failed: 1, pending: 0, skipped: 2, flaky: 1), machinesTotal: 2,
      machinesFailed: 1, failedMachines: ["vm-1"])
    scope.history = ScopeHistory(
      series: "nightly/smoke",
      labels: HistoryLabels(
        comparedWith: "nightly-6", new: ["a"], stillFailing: [.init(test: "b", since: "nightly-5", runs: 2)],
        fixed: ["c"], added: ["d"], removed: ["e"], flaky: [.init(test: "f", flips: 3, window: 20)]))
    var record = DeliveryRecord(target: "team", kind: .final, state: .failed)
    record.recordIntent(at: now)
    record.outcome = .ambiguous
    record.postedAt = now
    record.lastError = "timeout"
    record.ambiguityReported = true
    record.duplicateReportedAt = now
    scope.deliveries = [record, DeliveryRecord(target: "ops", kind: .alert, state: .hung)]
    var run = StoredRun(run: "nightly-7", kind: .categorized, now: now)
    run.parent = "nightly"
    run.closedAt = now
    run.runnerLastSeen = now
    run.scopes = [scope, StoredScope(scope: "nightly-7-api", group: "api", now: now)]
    run.record(Transition(at: now, scope: "nightly-7", from: nil, to: .running, reason: "first seen"))
    run.record(Transition(at: now, scope: "nightly-7", from: .running, to: .failed, reason: "1 failed"))
    return try StateCoding.encoder.encode(run)
  }

  static func read(_ json: String) -> StoredRun? {
    let bytes = Array(json.utf8)
    guard let tree = try? bytes.withUnsafeBufferPointer({ try StateJSONValue.parse($0) }) else { return nil }
    return StoredRunReader.run(tree)
  }

  @Test func `a file with every field set reads as Decodable reads it`() throws {
    let data = try Self.fullRun()
    let reference = try StateCoding.decoder.decode(StoredRun.self, from: data)
    #expect(Self.read(String(decoding: data, as: UTF8.self)) == reference)
  }

  @Test(arguments: [
    ("an unknown key", #""verdict" : {"#, #""extra": 1, "verdict" : {"#),
    ("a required key missing", #""attempts" : 1,"#, ""),
    ("a required key null", #""attempts" : 1,"#, #""attempts" : null,"#),
    ("an integer written as a fraction", #""attempts" : 1,"#, #""attempts" : 1.0,"#),
    ("another date form", #""posted_at" : "2025-11-24T16:00:00Z""#, #""posted_at" : "2025-11-24T16:00:00.5Z""#),
    ("an unknown state", #""to" : "FAILED""#, #""to" : "GREEN""#),
  ])
  func `anything the reader is not sure of is left to Decodable`(doubt: String, original: String, replacement: String)
    throws
  {
    let json = String(decoding: try Self.fullRun(), as: UTF8.self)
    #expect(json.contains(original), "\(doubt): the fixture no longer has \(original)")
    #expect(Self.read(json.replacingOccurrences(of: original, with: replacement)) == nil, "\(doubt)")
  }

  @Test func `what Decodable reads as absent the reader reads as absent`() throws {
    let json = String(decoding: try Self.fullRun(), as: UTF8.self)
    for (original, replacement) in [
      (#""parent" : "nightly","#, ""), (#""parent" : "nightly","#, #""parent" : null,"#),
      (#""flaky" : 1,"#, ""),
    ] {
      let changed = json.replacingOccurrences(of: original, with: replacement)
      #expect(changed != json, "\(original)")
      let reference = try StateCoding.decoder.decode(StoredRun.self, from: Data(changed.utf8))
      #expect(Self.read(changed) == reference, "\(original) → \(replacement)")
    }
  }
}

import Foundation
import TestSupport
import Testing

@testable import FinishlineCore
@testable import FinishlineSystem

/// The fast state decoder gives `JSONDecoder`'s answer on every file finishline writes, and
/// on anything else either that answer or a doubt, never a different value.
@Suite("state JSON decoder", .timeLimit(.minutes(3)))
struct StateJSONDecoderTests {
  struct Sample: Codable, Equatable {
    var schemaVersion: Int
    var firstSeen: Date
    var closedAt: Date?
    var lastReason: String?
    var failedMachines: [String]
    var counts: [String: Int]
    var ratio: Double
    var flag: Bool
  }

  static func sample(_ members: String) -> String {
    #"{"schema_version":1,"first_seen":"2026-12-04T07:49:48Z","failed_machines":["vm-1"],"#
      + #""counts":{"vm_03":2,"VM-4":1},"ratio":0.5,"flag":true"# + members + "}"
  }

  /// What `JSONDecoder` makes of `json`, and what the fast decoder does: the same value or a doubt.
  static func compare(_ json: String) -> (reference: Sample?, fast: Result<Sample, any Error>) {
    let data = Data(json.utf8)
    return (
      try? StateCoding.decoder.decode(Sample.self, from: data),
      Result { try StateJSONDecoder.decode(Sample.self, from: data) }
    )
  }

  @Test(arguments: [
    "", #","closed_at":null"#, #","closed_at":"2024-02-29T23:59:59Z""#,
    #","last_reason":"tab\tquote\" \u00e9 \ud83d\ude00 slash\/""#,
    #","last_reason":"naïve ✓""#, #" , "closed_at" : "1970-01-01T00:00:00Z" "#,
  ])
  func `files as finishline writes them decode to the same value`(members: String) throws {
    let (reference, fast) = Self.compare(Self.sample(members))
    #expect(try fast.get() == #require(reference))
  }

  @Test(arguments: [
    #","closed_at":"2026-12-04T07:49:48.250Z""#, #","closed_at":"2026-12-04T08:49:48+01:00""#,
    #","closed_at":"2026-02-30T00:00:00Z""#, #","closed_at":"2026-12-04 07:49:48Z""#, #","closedAt":null"#,
    #","closedAt":"2026-12-04T07:49:48Z""#, #","closed_at":null,"closed_at":null"#, #","last_reason":"\ud83d""#,
    #","last_reason":"a"#, #","last_reason":"x"} "#, #","ratio":1e999"#, #","last_reason":7"#, #","Last_Reason":"x""#,
    #","closed_at":1"#, "}", #","last_reason":"\x""#,
  ])
  func `anything else decodes to the same value or is left to JSONDecoder`(members: String) {
    let json = Self.sample(members)
    let (reference, fast) = Self.compare(json)
    if case .success(let value) = fast { #expect(value == reference, "\(json)") }
    #expect((try? StateCoding.decode(Sample.self, from: Data(json.utf8))) == reference, "\(json)")
  }

  @Test(arguments: ["0", "-0", "12", "-7", "1.0", "1e2", "01", "2.", "-", "9223372036854775808", "+1"])
  func `integers are exact or left to JSONDecoder`(number: String) {
    let data = Data("[\(number)]".utf8)
    let reference = try? JSONDecoder().decode([Int].self, from: data)
    if let fast = try? StateJSONDecoder.decode([Int].self, from: data) { #expect(fast == reference, "\(number)") }
  }

  @Test(arguments: [
    ("schema_version", "schemaVersion"), ("id", "id"), ("_private", "_private"), ("trailing_", "trailing_"),
    ("__two_words__", "__twoWords__"), ("a_b_c", "aBC"), ("vm_3x", "vm3x"), ("already", "already"),
  ])
  func `snake case keys become the words JSONDecoder makes of them`(key: String, expected: String) {
    #expect(SnakeCase.camel(key) == expected)
  }

  @Test func `every state file a real check writes decodes to what JSONDecoder reads`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/state-json"))
    let binary = try FinishlineBinary.built()
    for run in ["e2e-completed", "e2e-failed", "e2e-cancelled", "e2e-unknown", "e2e-completed"] {
      _ = try binary.run(workspace.check(run))
    }
    _ = try binary.run(workspace.check("e2e-categorized", ["--categorize"]))
    let names = try FileManager.default.contentsOfDirectory(atPath: workspace.stateDir).filter {
      $0.hasSuffix(".json") && !$0.hasPrefix("metrics")
    }
    #expect(names.count >= 5, "\(names)")
    for name in names {
      let data = try Data(contentsOf: URL(fileURLWithPath: workspace.stateDir).appendingPathComponent(name))
      let reference = try StateCoding.decoder.decode(StoredRun.self, from: data)
      #expect(try StateJSONDecoder.decode(StoredRun.self, from: data) == reference, "\(name)")
      let tree = try data.withUnsafeBytes { try StateJSONValue.parse($0.bindMemory(to: UInt8.self)) }
      #expect(StoredRunReader.run(tree) == reference, "\(name) is read by hand, not left to Decodable")
    }
  }
}

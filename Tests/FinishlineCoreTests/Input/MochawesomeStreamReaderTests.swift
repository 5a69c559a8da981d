import Foundation
import Testing

@testable import FinishlineCore

/// The streaming raw-byte reader against the reference (`JSONDecoder` over the whole file):
/// wherever the streaming reader answers, its answer must be the reference's, to the last
/// field; wherever a report is well formed, it must answer; and chunk boundaries must never
/// matter.
@Suite("Mochawesome streaming reader")
struct MochawesomeStreamReaderTests {
  /// Chunk sizes of reads and buffer capacities that put boundaries everywhere.
  private static let cuts: [(chunk: Int, capacity: Int)] = [
    (1, 16), (7, 16), (61, 64), (4096, 1000), (.max, 256 << 10),
  ]

  private func streamed(_ bytes: [UInt8], chunk: Int = .max, capacity: Int = 256 << 10) -> ReportParseResult? {
    MochawesomeReport.parse(streaming: BytesSource(bytes, chunk: chunk), capacity: capacity)
  }

  private func reference(_ bytes: [UInt8]) -> ReportParseResult {
    MochawesomeReport.parse(Data(bytes), path: "r.json")
  }

  /// Every cut answers alike, and an answer is the reference's.
  private func expectAgreement(_ bytes: [UInt8], mustAnswer: Bool, _ comment: @autoclosure () -> String = "") {
    let expected = reference(bytes)
    for (chunk, capacity) in Self.cuts {
      let result = streamed(bytes, chunk: chunk, capacity: capacity)
      if let result {
        #expect(result == expected, "chunk \(chunk): \(comment())")
      } else if mustAnswer, case .parsed = expected {
        Issue.record("the streaming reader doubted a report the reference reads (chunk \(chunk)): \(comment())")
      }
    }
  }

  static let fixtures = [
    "cypress-login.json", "duplicate-titles.json", "merge-login.json", "merge-search.json", "merged.json",
    "mochawesome-3-shape.json", "mochawesome-7-empty-spec.json", "mochawesome-7-hooks.json",
    "mochawesome-merge-report.json", "mochawesome-states.json",
  ]

  @Test(arguments: fixtures)
  func `every mochawesome fixture reads exactly as the reference reads it`(name: String) throws {
    expectAgreement([UInt8](try Fixture.data(name)), mustAnswer: true, name)
  }

  @Test func `the example runs' reports read exactly as the reference reads them`() throws {
    let files = try Repository.files(under: "examples") {
      $0.pathExtension == "json" && $0.path.contains("mochawesome")
    }
    #expect(files.count >= 3)
    for file in files {
      expectAgreement([UInt8](try Data(contentsOf: file)), mustAnswer: true, file.lastPathComponent)
    }
  }

  @Test func `generated reports of every shape read exactly as the reference reads them`() {
    var generator = MochawesomeGenerator(seed: 7)
    var answered = 0
    for index in 0..<400 {
      let bytes = Array(generator.report().utf8)
      expectAgreement(bytes, mustAnswer: true, "report \(index): \(String(decoding: bytes, as: UTF8.self))")
      if case .parsed = reference(bytes) { answered += 1 }
    }
    #expect(answered > 200, "most generated reports are readable: \(answered)")
  }

  @Test(
    arguments: [
      "truncated.json", "mocha-json-reporter.json", "cypress-fixture-example.json", "package.json",
    ])
  func `files that are not readable reports are left to the reference`(name: String) throws {
    #expect(streamed([UInt8](try Fixture.data(name))) == nil)
  }

  @Test func `a report cut anywhere is left to the reference, which calls it truncated`() throws {
    let bytes = [UInt8](try Fixture.data("mochawesome-7-hooks.json"))
    let end = try #require(bytes.lastIndex(of: UInt8(ascii: "}")))
    for length in 0..<end {
      #expect(streamed(Array(bytes[..<length]), chunk: 13, capacity: 32) == nil, "prefix of \(length) bytes")
    }
  }

  @Test func `corrupted reports get the reference's answer or none`() throws {
    var random = SplitMix64(seed: 11)
    var generator = MochawesomeGenerator(seed: 3)
    let originals =
      try Self.fixtures.map { [UInt8](try Fixture.data($0)) } + (0..<40).map { _ in Array(generator.report().utf8) }
    for round in 0..<1500 {
      var bytes = originals[round % originals.count]
      for _ in 0..<1 + Int(random.next() % 3) {
        let index = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 3 {
        case 0: bytes[index] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes.remove(at: index)
        default: bytes.insert(Array("\",:{}[]\\0-e.tn \u{80}".utf8)[Int(random.next() % 17)], at: index)
        }
      }
      expectAgreement(bytes, mustAnswer: false, "round \(round)")
    }
  }

  @Test(
    arguments: [
      #"{"results": [{"tests": [{"title": "t", "pass": 1, "fail": "true", "state": 3, "duration": "12"}]}]}"#,
      #"{"results": [{"tests": [{"title": "t", "state": "failed", "err": "boom"}]}]}"#,
      #"{"results": [{"tests": [{"title": "t", "state": "failed", "err": {"message": 7, "estack": "E: x\n    at y"}}]}]}"#,
      #"{"results": [{"tests": [{"title": "t", "duration": 1e2}, {"title": "u", "duration": -0.5E+1}]}]}"#,
      #"{"results": [{"title": "\u0041\u00e9\ud83d\ude00\/\b\f\n\r\t\\\"", "tests": [{"title": "x"}]}]}"#,
      #"{"results": [false, false, {"tests": null, "suites": null}]}"#,
      #"{"results": null, "suites": {"title": "root", "tests": [{"title": "a", "state": "passed"}]}}"#,
      #"{"suites": [false, {"suites": [false, {"tests": [{"title": "deep", "state": "pending"}]}]}]}"#,
      #"{"stats": {"duration": 5, "start": "2026-12-01T10:00:00.000Z", "end": 3}, "results": []}"#,
      #"{"stats": "none", "results": [], "unknown": {"a": [1, 2.5, -3e-2, true, false, null, "s"]}}"#,
      "\u{FEFF}{\"results\": [{\"tests\": [{\"title\": \"bom\", \"state\": \"passed\"}]}]}",
      "\n\t\r {\"results\":[]} \n\n",
      #"{"results": [{"tests": [{"title": "t", "code": "\u0000", "context": "\u001f"}]}]}"#,
    ])
  func `odd but valid JSON reads as the reference reads it`(json: String) {
    let bytes = Array(json.utf8)
    guard case .parsed = reference(bytes) else {
      Issue.record("the reference must read this: \(reference(bytes))")
      return
    }
    expectAgreement(bytes, mustAnswer: true, json)
  }

  @Test(
    arguments: [
      "", "   ", "[]", #"{"stats": {}}"#, #"{"results": [}"#, #"{"results": [] "stats": {}}"#,
      #"{"results": [], "results": []}"#, #"{"results": [{"title": "a", "title": "b"}]}"#,
      #"{"results": [{"tests": [{"title": "\ud800"}]}]}"#, #"{"results": [{"tests": [{"title": "a"b"}]}]}"#,
      "{\"results\": [{\"title\": \"raw\ttab\"}]}", #"{"results": [{"tests": [{"duration": 1e999}]}]}"#,
      #"{"results": [{"tests": [{"duration": 01}]}]}"#, #"{"results": [true]}"#, #"{"results": {}}"#,
      #"{"results": []} {}"#,
      "{\"results\": " + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}",
    ])
  func `what the streaming reader cannot vouch for goes to the reference`(json: String) {
    #expect(streamed(Array(json.utf8)) == nil)
    #expect(streamed(Array(json.utf8), chunk: 1, capacity: 16) == nil)
  }

  @Test func `invalid UTF-8 and UTF-16 go to the reference`() {
    #expect(streamed(Array(#"{"results": [{"title": ""#.utf8) + [0xC0, 0xAF] + Array(#""}]}"#.utf8)) == nil)
    #expect(streamed(Array(#"{"results": [{"title": ""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}]}"#.utf8)) == nil)
    #expect(streamed([0xFF, 0xFE] + Array(#"{"results": []}"#.utf8).flatMap { [$0, 0] }) == nil)
  }
}

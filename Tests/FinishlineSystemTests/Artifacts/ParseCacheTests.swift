import FinishlineCore
import Foundation
import TestSupport
import Testing

@testable import FinishlineSystem

/// The parse cache through real snapshots of a real tree: an unchanged file is not parsed
/// again, and any doubt (a changed file, a torn or foreign cache, a file written moments ago)
/// means a fresh parse whose results are the same as without a cache.
@Suite("parse cache")
struct ParseCacheTests {
  static let reports = ["merge-login.json", "merge-search.json", "cypress-login.json"]

  func tree(_ directory: TemporaryDirectory) throws -> SnapshotBuilder {
    for (index, name) in Self.reports.enumerated() {
      let data = try Data(contentsOf: RepositoryPaths.reportFixtures.appendingPathComponent(name))
      let path = try directory.write(String(decoding: data, as: UTF8.self), to: "tree/r/B-1/vm-0\(index)/\(name)")
      try directory.setModified(String(path.dropFirst(directory.path.count + 1)), to: Date() - 600)
    }
    try directory.makeDirectory("state", mode: 0o700)
    var sources = RunSources(root: directory.file("tree"))
    sources.mochawesome = ["r/{run}/{machine}/*.json"]
    var builder = SnapshotBuilder(
      sources: sources, stateDir: directory.file("state"), processes: ProcFileSystemTable())
    builder.parseCache = .readWrite
    return builder
  }

  func snapshot(_ builder: SnapshotBuilder) throws -> RunSnapshot {
    try builder.snapshot(scope: "B-1", now: Date())
  }

  @Test func `reports kept encoded past the held budget merge as reports kept as parsed`() throws {
    try TemporaryDirectory.with { directory in
      var builder = try tree(directory)
      let parsed = try snapshot(builder)
      builder.heldTestLimit = 0
      builder.parseCache = .off
      let encoded = try snapshot(builder)
      #expect(encoded.machines == parsed.machines)
      #expect(encoded.patterns == parsed.patterns)
      #expect(parsed.machines.contains { $0.results.counts.total > 0 })
    }
  }

  @Test func `an unchanged file is reused and its results are the same as a fresh parse`() throws {
    try TemporaryDirectory.with { directory in
      let builder = try tree(directory)
      let first = try snapshot(builder)
      #expect(first.reusedReports == 0)
      #expect(FileManager.default.fileExists(atPath: directory.file("state/B-1.parse-cache")))
      let second = try snapshot(builder)
      #expect(second.reusedReports == 3)
      #expect(second.machines == first.machines)
      var uncached = builder
      uncached.parseCache = .off
      #expect(try snapshot(uncached).machines == second.machines, "the same as no cache at all")
    }
  }

  @Test func `a changed file is parsed again`() throws {
    try TemporaryDirectory.with { directory in
      let builder = try tree(directory)
      let before = try snapshot(builder)
      let path = "tree/r/B-1/vm-00/merge-login.json"
      let text = try directory.contents(of: path).replacingOccurrences(of: "\"passed\"", with: "\"failed\"")
      _ = try directory.write(text, to: path)
      try directory.setModified(path, to: Date() - 300)
      let after = try snapshot(builder)
      #expect(after.reusedReports == 2)
      #expect(after.machines.first?.counts != before.machines.first?.counts, "the change is seen")
    }
  }

  @Test(arguments: ["", "FLPC", "{\"version\":99,\"finishline\":\"0.3.0\",\"entries\":[]}", "\u{0}\u{1}"])
  func `a torn or foreign cache is ignored and replaced`(contents: String) throws {
    try TemporaryDirectory.with { directory in
      let builder = try tree(directory)
      let fresh = try snapshot(builder)
      _ = try directory.write(contents, to: "state/B-1.parse-cache")
      let again = try snapshot(builder)
      #expect(again.reusedReports == 0)
      #expect(again.machines == fresh.machines)
      #expect(try snapshot(builder).reusedReports == 3, "rewritten whole")
    }
  }

  @Test func `a file written moments ago is not kept, and a read-only use writes nothing`() throws {
    try TemporaryDirectory.with { directory in
      var builder = try tree(directory)
      try directory.setModified("tree/r/B-1/vm-01/merge-search.json", to: Date())
      builder.parseCache = .read
      _ = try snapshot(builder)
      #expect(!FileManager.default.fileExists(atPath: directory.file("state/B-1.parse-cache")))
      builder.parseCache = .readWrite
      _ = try snapshot(builder)
      #expect(try snapshot(builder).reusedReports == 2, "the fresh file is parsed every time until it settles")
    }
  }

  static let identity = FileIdentity(
    size: 1_234, modifiedNanoseconds: 1_700_000_000_123_456_789, changedNanoseconds: -5, inode: .max, device: 7)

  func roundTrip(_ result: ReportParseResult, path: String) -> ReportParseResult? {
    let key = ParseCache.Key(path: path, expected: .named(.junit), retries: .auto, identity: Self.identity)
    let bytes = ParseCacheCodec.encode([ParseCache.Entry(key: key, stored: .result(result))], memos: [:], version: 9)
    let decoded = ParseCacheCodec.decode(bytes, version: 9)
    #expect(decoded?.entries.first?.key == key)
    guard case .encoded(let encoded)? = decoded?.entries.first?.stored else { return nil }
    #expect(ParseCacheCodec.result(ParseCacheCodec.encoded(result)) == ParseCacheCodec.result(encoded))
    return ParseCacheCodec.result(encoded)
  }

  @Test func `every fixture's parse survives the cache format unchanged`() throws {
    let directory = RepositoryPaths.reportFixtures
    let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
    #expect(names.count > 20, "the report fixtures are missing")
    for name in names {
      let data = try Data(contentsOf: directory.appendingPathComponent(name))
      for format in ReportFormat.allCases {
        let result = format.reader.parse(data, path: name, retries: .auto)
        #expect(roundTrip(result, path: name) == result, "\(name) as \(format)")
      }
    }
  }

  @Test func `every field of a report survives the cache format`() {
    var report = ParsedReport(
      format: .mochawesome,
      tests: [
        TestResult(
          spec: "a.cy.js", classname: "c", fullTitle: "t é", outcome: .failed, durationMs: 1.5,
          failureMessage: "boom", uuid: "u", flaky: true),
        TestResult(spec: nil, fullTitle: "", outcome: .skipped),
        TestResult(spec: "a.cy.js", classname: "c", fullTitle: "again", outcome: .passed),
        TestResult(spec: "a.cy.js", classname: "d", fullTitle: "same spec, another class", outcome: .passed),
        TestResult(spec: "b.cy.js", classname: "d", fullTitle: "another spec, same class", outcome: .pending),
      ],
      declaredCounts: TestCounts(passed: 1, failed: 2, pending: 3, skipped: 4, flaky: 5), durationMs: 99,
      failedHooks: [HookFailure(spec: nil, title: "\"before all\" hook", message: "m", skippedTests: 3)],
      specNames: ["a.cy.js", "b.cy.js"], startedAt: Date(timeIntervalSince1970: 1.25),
      endedAt: Date(timeIntervalSince1970: 2.5))
    report.emptySpecs = 2
    #expect(roundTrip(.parsed(report), path: "p") == .parsed(report))
    #expect(roundTrip(.unreadable(reason: "torn"), path: "p") == .unreadable(reason: "torn"))
    #expect(roundTrip(.notAReport(reason: "pom"), path: "p") == .notAReport(reason: "pom"))
  }

  @Test func `a cache file cut anywhere, or of another version, is no cache at all`() {
    let key = ParseCache.Key(path: "p", expected: .named(.mochawesome), retries: .off, identity: Self.identity)
    let entry = ParseCache.Entry(
      key: key,
      stored: .result(
        .parsed(ParsedReport(format: .mochawesome, tests: [TestResult(spec: "s", fullTitle: "t", outcome: .passed)]))))
    let memo = ParseCache.Memo(keys: [key], results: MachineResults(counts: TestCounts(passed: 1)))
    let bytes = ParseCacheCodec.encode([entry, entry], memos: ["vm-1": memo], version: 3)
    for length in 0..<bytes.count { #expect(ParseCacheCodec.decode(Array(bytes[..<length]), version: 3) == nil) }
    #expect(ParseCacheCodec.decode(bytes, version: 4) == nil)
    #expect(ParseCacheCodec.decode(bytes + [0], version: 3) == nil)
    #expect(ParseCacheCodec.decode(bytes, version: 3)?.entries.count == 2)
    #expect(ParseCacheCodec.decode(bytes, version: 3)?.memos["vm-1"]?.results == memo.results)
  }

  @Test func `every test outcome has its byte in the cache format`() {
    #expect(Set(ParseCacheCodec.outcomes) == Set(TestOutcome.allCases))
    #expect(ParseCacheCodec.outcomes.count == TestOutcome.allCases.count)
  }

  @Test func `a cache written in pieces is the cache written whole, and one over its limit is not written`() throws {
    let entries = (0..<40).map { index in
      let tests = (0..<(index % 2 == 0 ? 500 : 5_000)).map {
        TestResult(spec: "s\(index)", fullTitle: "test \($0)", outcome: .passed)
      }
      let key = ParseCache.Key(
        path: "p\(index)", expected: .named(.mochawesome), retries: .auto, identity: Self.identity)
      let result = ReportParseResult.parsed(ParsedReport(format: .mochawesome, tests: tests))
      // As parsed and as encoded, small and large: each way an entry is written.
      return ParseCache.Entry(
        key: key, stored: index % 3 == 0 ? .result(result) : .encoded(ParseCacheCodec.encoded(result)))
    }
    let whole = ParseCacheCodec.encode(entries, memos: [:], version: 3)
    var pieces: [[UInt8]] = []
    try ParseCacheCodec.encode(entries, memos: [:], version: 3, limit: whole.count) { pieces.append(Array($0)) }
    #expect(pieces.count > 2)
    #expect(pieces.flatMap { $0 } == whole)
    #expect(throws: ParseCacheCodec.TooLarge.self) {
      try ParseCacheCodec.encode(entries, memos: [:], version: 3, limit: whole.count - 1) { _ in }
    }
  }

  @Test func `every field of a machine's merge survives the cache format`() {
    var results = MachineResults(
      counts: TestCounts(passed: 1, failed: 2, pending: 3, skipped: 4, flaky: 5),
      failures: [
        TestFailure(machine: "vm-1", spec: "a.cy.js", classname: "c", title: "t é", message: "boom"),
        TestFailure(machine: "vm-1", spec: nil, title: "u", message: "(no message)"),
      ],
      durationMs: 12.5, failedHooks: [HookFailure(spec: "a.cy.js", title: "h", message: "m", skippedTests: 2)],
      flakyTests: ["a.cy.js: f"], specNames: ["a.cy.js", "b.cy.js"], startedAt: Date(timeIntervalSince1970: 3.5),
      endedAt: Date(timeIntervalSince1970: 9))
    results.emptySpecs = 4
    let key = ParseCache.Key(path: "p", expected: .named(.mochawesome), retries: .auto, identity: Self.identity)
    let entry = ParseCache.Entry(key: key, stored: .result(.unreadable(reason: "torn")))
    let bytes = ParseCacheCodec.encode(
      [entry], memos: ["vm-1": ParseCache.Memo(keys: [key], results: results)], version: 3)
    let memo = ParseCacheCodec.decode(bytes, version: 3)?.memos["vm-1"]
    #expect(memo?.results == results)
    #expect(memo?.keys == [key])
  }

  @Test func `an unchanged machine is not merged again, and a changed one is`() throws {
    try TemporaryDirectory.with { directory in
      let builder = try tree(directory)
      let first = try snapshot(builder)
      #expect(first.reusedMerges == 0)
      let second = try snapshot(builder)
      #expect(second.reusedMerges == 3)
      #expect(second.machines == first.machines)
      let path = "tree/r/B-1/vm-00/merge-login.json"
      let text = try directory.contents(of: path).replacingOccurrences(of: "\"passed\"", with: "\"failed\"")
      _ = try directory.write(text, to: path)
      try directory.setModified(path, to: Date() - 300)
      let third = try snapshot(builder)
      #expect(third.reusedMerges == 2, "only vm-00 is merged again")
      var uncached = builder
      uncached.parseCache = .off
      #expect(try snapshot(uncached).machines == third.machines, "the same as no cache at all")
    }
  }
}

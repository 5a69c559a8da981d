import FinishlineCore
import FinishlineSystem
import Foundation
import TestSupport
import Testing

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

  @Test(arguments: ["", "{\"version\":1", "{\"version\":99,\"finishline\":\"0.3.0\",\"entries\":[]}", "\u{0}\u{1}"])
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
}

import Foundation
import TestSupport
import Testing

/// What the binary does when its state cannot be trusted or written: the documented exit code,
/// nothing posted that would be posted again, and nothing already recorded lost.
@Suite("storage faults, end to end", .timeLimit(.minutes(3)))
struct StorageFaultsEndToEndTests {
  func setUp() throws -> (Workspace, WebhookSink, FinishlineBinary) {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    try workspace.configure(webhookURL: sink.url(path: "/hooks/faults"))
    return (workspace, sink, try FinishlineBinary.built())
  }

  @Test func `a state directory that is a file exits 73 and posts nothing`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    try "not a directory\n".write(toFile: workspace.stateDir, atomically: true, encoding: .utf8)
    let result = try binary.run(workspace.check("e2e-completed"))
    #expect(result.status == 73, "\(result.stderr)")
    #expect(result.stderr.contains(workspace.stateDir), "the error names the path: \(result.stderr)")
    #expect(try sink.requests().isEmpty)
    #expect(try String(contentsOfFile: workspace.stateDir, encoding: .utf8) == "not a directory\n")
  }

  @Test func `a state file of an unknown schema is moved aside intact and the run is unknown`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    try FileManager.default.createDirectory(
      atPath: workspace.stateDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let future = #"{"schemaVersion": 99, "run": "e2e-completed", "from": "a newer finishline"}"#
    try future.write(toFile: "\(workspace.stateDir)/e2e-completed.json", atomically: true, encoding: .utf8)
    let result = try binary.run(workspace.check("e2e-completed", ["--json"]))
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stdout.contains(#""state":"UNKNOWN""#), "\(result.stdout)")
    let aside = try FileManager.default.contentsOfDirectory(atPath: workspace.stateDir)
      .filter { $0.hasPrefix("e2e-completed.json.corrupt-") }
    #expect(aside.count == 1)
    #expect(try String(contentsOfFile: "\(workspace.stateDir)/\(aside.first ?? "")", encoding: .utf8) == future)
    #expect(try sink.requests().isEmpty, "nothing is posted for a run whose ledger is unknown")
  }

  @Test func `a symbolic link in place of the state file is refused and its target left alone`() throws {
    let (workspace, sink, binary) = try setUp()
    defer { sink.stop() }
    try FileManager.default.createDirectory(
      atPath: workspace.stateDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let elsewhere = workspace.directory.appendingPathComponent("elsewhere.json").path
    try "precious\n".write(toFile: elsewhere, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(
      atPath: "\(workspace.stateDir)/e2e-completed.json", withDestinationPath: elsewhere)
    let result = try binary.run(workspace.check("e2e-completed"))
    #expect(result.status == 65, "unreadable state: \(result.stderr)")
    #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
    #expect(try String(contentsOfFile: elsewhere, encoding: .utf8) == "precious\n")
    #expect(try sink.requests().isEmpty)
  }
}

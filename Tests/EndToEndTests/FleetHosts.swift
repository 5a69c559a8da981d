import Foundation
import TestSupport
import Testing

/// Host A is the workspace's own configuration; host B the same with `state_dir = "state-b"`.
struct FleetHosts {
  /// finishline's advisory-lock class ("FiNi"), as `PostgresSchema.lockClass`.
  static let lockClass = 0x4669_4E69

  let workspace: Workspace
  let sink: WebhookSink
  let binary: FinishlineBinary
  let server: PostgresServer
  var hostB: String { workspace.directory.appendingPathComponent("host-b.toml").path }

  func check(_ run: String, onB: Bool = false, _ extra: [String] = []) throws -> FinishlineBinary.Result {
    var arguments = workspace.check(run, extra)
    if onB { arguments[2] = hostB }
    return try binary.run(arguments)
  }

  func command(_ arguments: [String], onB: Bool = false) throws -> FinishlineBinary.Result {
    try binary.run(arguments + ["--config", onB ? hostB : workspace.configPath, "--env-file", workspace.envFile])
  }

  func outcome(_ result: FinishlineBinary.Result) -> String? {
    (try? DecisionRecord.of(result))?.first?.deliveries.first?.outcome
  }

  /// Has finishline create its tables: the first write does (a check of a run with no
  /// evidence, which posts nothing); reads alone never do.
  func createSchema() throws {
    let result = try check("schema-warm-up")
    #expect(result.status == 0, "\(result.stderr)")
  }

  /// No output of `results` holds the database password.
  func expectNoPassword(_ results: [FinishlineBinary.Result]) {
    for result in results {
      #expect(!result.stdout.contains(server.password) && !result.stderr.contains(server.password))
    }
  }

  /// Two configurations sharing a fresh database of `server` (default: the shared server).
  static func make(
    server: PostgresServer? = nil, script: String = "200", settings: [String: String] = [:], database: String? = nil
  ) throws -> FleetHosts {
    let server = try server ?? PostgresServer.shared.get()
    let workspace = try Workspace()
    workspace.stateURL = try database ?? server.database()
    workspace.postgres = server
    let sink = try WebhookSink.start(script: script)
    try workspace.configure(webhookURL: sink.url(path: "/hooks/fleet"), settings: settings)
    let text = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
      .replacingOccurrences(of: "state_dir = \"state\"", with: "state_dir = \"state-b\"")
    try text.write(
      toFile: workspace.directory.appendingPathComponent("host-b.toml").path, atomically: true, encoding: .utf8)
    return FleetHosts(workspace: workspace, sink: sink, binary: try FinishlineBinary.built(), server: server)
  }
}

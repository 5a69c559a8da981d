public import Foundation

/// A throw-away directory holding a copy of the example runs, a state directory, a
/// configuration and a credentials file, so each test owns everything it touches.
public final class Workspace: @unchecked Sendable {
  public let directory: URL
  public var stateDir: String { directory.appendingPathComponent("state").path }
  public var root: String { directory.appendingPathComponent("cmcReporter").path }
  public var configPath: String { directory.appendingPathComponent("finishline.toml").path }
  public var envFile: String { directory.appendingPathComponent("credentials.env").path }
  /// Part of this workspace's `runner_match`, so runners faked by tests running in parallel
  /// (the process table is shared) are only ever seen by their own workspace.
  public let token = "ws-\(UUID().uuidString.prefix(8))"
  /// `state_url` for the configurations this workspace writes; `nil` keeps state in `state/`.
  public var stateURL: String?
  /// The server `stateURL` is on.
  public var postgres: PostgresServer?

  /// The `state_url` line a configuration starts with, when there is one.
  var stateURLLine: String { stateURL.map { "state_url = \"\($0)\"\n" } ?? "" }

  public init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("finishline-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: RepositoryPaths.examples.appendingPathComponent("cmcReporter"),
      to: directory.appendingPathComponent("cmcReporter"))
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  /// Writes the example configuration with the webhook pointed at `webhookURL` through
  /// the credentials file (mode 0600), as an operator would.
  /// - Parameter settings: top-level-of-line keys to replace, e.g. `["settle": "\"1s\""]`.
  public func configure(webhookURL: String, settings: [String: String] = [:], append: String = "") throws {
    var text = try String(
      contentsOf: RepositoryPaths.examples.appendingPathComponent("finishline.toml"), encoding: .utf8)
    text = text.replacingOccurrences(of: "state_dir = \"/var/lib/finishline\"", with: "state_dir = \"state\"")
    let settings = ["runner_match": "'cypress run .*{run} \(token)'"].merging(settings) { _, given in given }
    text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
      // A commented-out key (`# metrics_file = ...`) is switched on by setting it.
      let bare = line.hasPrefix("# ") ? line.dropFirst(2) : line[...]
      for (key, value) in settings where bare.hasPrefix("\(key) ") || bare.hasPrefix("\(key)=") {
        return "\(key) = \(value)"
      }
      return String(line)
    }.joined(separator: "\n")
    text = stateURLLine + text + append
    try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    try "MATTERMOST_ATVM_WEBHOOK=\(webhookURL)\nMATTERMOST_ATVM_CHANNEL=qa-e2e\n"
      .write(toFile: envFile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: envFile)
  }

  /// Where a tree of this test's own making lives (`configure(run:)` points `run.root` here).
  public var tree: String { directory.appendingPathComponent("tree").path }

  /// Writes a configuration whose `[run]` table is `run` (`{token}` replaced by this
  /// workspace's runner token) and whose only target is a Mattermost webhook at `webhookURL`.
  /// - Parameter target: more keys of the one `[[notify]]` table (`ca_file = "..."`).
  public func configure(
    run: String, policy: String = "settle = \"1s\"", on: String = #"["completed", "failed"]"#, target: String = "",
    webhookURL: String
  ) throws {
    let text =
      stateURLLine + """
        state_dir = "state"

        [run]
        root = "tree"
        \(run.replacingOccurrences(of: "{token}", with: token))

        [policy]
        \(policy)

        [[notify]]
        name = "atvm"
        type = "mattermost"
        url = "env:MATTERMOST_ATVM_WEBHOOK"
        on = \(on)
        \(target)

        """
    try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    try "MATTERMOST_ATVM_WEBHOOK=\(webhookURL)\n".write(toFile: envFile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: envFile)
  }

  /// Copies the report fixture `name` (from `Tests/FinishlineCoreTests/Fixtures/reports`) to
  /// `relativePath` in `tree`, last modified `secondsAgo` seconds ago.
  public func place(_ name: String, at relativePath: String, secondsAgo: Double = 0) throws {
    let source = RepositoryPaths.reportFixtures.appendingPathComponent(name)
    try write(try Data(contentsOf: source), at: relativePath, secondsAgo: secondsAgo)
  }

  /// Writes `data` to `relativePath` in `tree`, last modified `secondsAgo` seconds ago.
  public func write(_ data: Data, at relativePath: String, secondsAgo: Double = 0) throws {
    let url = URL(fileURLWithPath: tree).appendingPathComponent(relativePath)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: url)
    try FileManager.default.setAttributes(
      [.modificationDate: Date().addingTimeInterval(-secondsAgo)], ofItemAtPath: url.path)
  }

  /// A live process this workspace's `runner_match` sees as the runner of `run`.
  public func startRunner(_ run: String) throws -> ChildProcess {
    try FakeRunner.start(commandLine: ["cypress", "run", run, token])
  }

  /// `--started-at` for a run that began `secondsAgo` seconds ago: a runner started by a test
  /// has just started, so a test of an old run says when it really began, as a CI step would.
  public func startedAt(secondsAgo: Double) -> [String] {
    ["--started-at", String(Int(Date().timeIntervalSince1970 - secondsAgo))]
  }

  /// The usual arguments of `check` for this workspace.
  public func check(_ run: String, _ extra: [String] = []) -> [String] {
    ["check", "--config", configPath, "--env-file", envFile, "--run", run] + extra
  }

  public func read(_ relativePath: String) throws -> String {
    try String(contentsOf: directory.appendingPathComponent(relativePath), encoding: .utf8)
  }

  /// Everything finishline wrote to the state directory, concatenated (for secret greps). Read
  /// as bytes: the parse cache is binary, but the text it holds is plain UTF-8 inside it.
  /// With a state database, every row of finishline's tables as well.
  public func stateContents() throws -> String {
    let names = FileManager.default.subpaths(atPath: stateDir) ?? []
    let files = try names.sorted().compactMap { name -> String? in
      var isDirectory: ObjCBool = false
      let path = "\(stateDir)/\(name)"
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
        return nil
      }
      return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }
    guard let postgres, let stateURL else { return files.joined(separator: "\n") }
    let tables = [
      "finishline_runs", "finishline_deliveries", "finishline_alerts", "finishline_set_aside",
      "finishline_series", "finishline_series_runs",
    ]
    let rows = try tables.map { table in
      try postgres.psql("SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \(table) t", database: stateURL)
    }
    return (files + rows).joined(separator: "\n")
  }

  /// Sets the files of the example tree (those whose path contains `matching`, or all) to
  /// `secondsAgo` in the past, as if they were last written then.
  public func age(_ secondsAgo: Double, matching: String? = nil) throws {
    let date = Date().addingTimeInterval(-secondsAgo)
    let enumerator = FileManager.default.enumerator(atPath: root)
    while let relative = enumerator?.nextObject() as? String {
      guard matching.map({ relative.contains($0) }) ?? true else { continue }
      try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: "\(root)/\(relative)")
    }
  }
}

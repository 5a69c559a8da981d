import Foundation
import TestSupport
import Testing

/// Memory between runs (SPEC §8.1) through the built binary: a series of nightly runs of one
/// JUnit suite, each labelled against the run before it, recorded once however often it is
/// checked, killed or raced, and kept quiet where a target wants only new failures.
@Suite("history, end to end", .timeLimit(.minutes(3)))
struct HistoryEndToEndTests {
  static let run = """
    junit = "results/{run}/*.xml"
    runner_match = 'tests .*{run} {token}'
    """

  /// A workspace whose tree holds the JUnit results of each build this test writes.
  struct Setup {
    let workspace: Workspace
    let sink: WebhookSink
    let binary: FinishlineBinary

    init(target: String = "", stateURL: String? = nil, postgres: PostgresServer? = nil, sink: WebhookSink? = nil)
      throws
    {
      workspace = try Workspace()
      workspace.stateURL = stateURL
      workspace.postgres = postgres
      self.sink = try sink ?? WebhookSink.start()
      binary = try FinishlineBinary.built()
      try workspace.configure(
        run: HistoryEndToEndTests.run, target: target, webhookURL: self.sink.url(path: "/hooks/history"))
    }

    /// Writes `build`'s results: one test case per letter of `outcomes` (`p` passed, `f`
    /// failed, `-` not run at all), tests named `t1`, `t2`, … of class `shop.CartTest`.
    func write(_ build: String, _ outcomes: String) throws {
      let cases = outcomes.enumerated().compactMap { index, letter -> String? in
        let name = #"classname="shop.CartTest" name="t\#(index + 1)" time="0.5""#
        switch letter {
        case "p": return "    <testcase \(name)/>"
        case "f":
          return "    <testcase \(name)>\n      <failure message=\"expected t\(index + 1)\">AssertionError: "
            + "expected t\(index + 1)\n  at CartTest.java:\(index + 10)</failure>\n    </testcase>"
        default: return nil
        }
      }
      let failures = outcomes.count { $0 == "f" }
      let xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="shop.CartTest" tests="\(cases.count)" failures="\(failures)" errors="0" skipped="0" \
        time="3.2" timestamp="2026-12-03T02:00:00">
        \(cases.joined(separator: "\n"))
        </testsuite>

        """
      try workspace.write(Data(xml.utf8), at: "results/\(build)/TEST-shop.CartTest.xml", secondsAgo: 600)
    }

    func command(_ arguments: [String]) throws -> FinishlineBinary.Result {
      try binary.run(arguments + ["--config", workspace.configPath, "--env-file", workspace.envFile])
    }

    func check(_ build: String, environment: [String: String] = [:]) throws -> FinishlineBinary.Result {
      try binary.run(workspace.check(build), environment: environment)
    }

    /// A second host's configuration: the same, with its own state directory.
    func hostB() throws -> String {
      let path = workspace.directory.appendingPathComponent("host-b.toml").path
      let text = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
        .replacingOccurrences(of: "state_dir = \"state\"", with: "state_dir = \"state-b\"")
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      return path
    }

    /// The text of every post so far, its JSON strings joined.
    func posts() throws -> [String] {
      try sink.requests().map { HistoryEndToEndTests.strings(in: $0.body) }
    }

    /// `history --json` of `series`, or of every series.
    func history(_ series: String? = nil) throws -> Any {
      let result = try command(["history"] + (series.map { [$0] } ?? []) + ["--json"])
      #expect(result.status == 0, "\(result.stderr)")
      return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
  }

  static func strings(in body: String) -> String {
    func collect(_ value: Any) -> [String] {
      switch value {
      case let text as String: [text]
      case let list as [Any]: list.flatMap(collect)
      case let object as [String: Any]: object.keys.sorted().compactMap { object[$0] }.flatMap(collect)
      default: []
      }
    }
    let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) ?? body
    return collect(object).joined(separator: "\n")
  }

  static func runs(_ history: Any) -> [[String: Any]] {
    ((history as? [String: Any])?["runs"] as? [[String: Any]]) ?? []
  }

  @Test func `a series of nightly runs is told what is new, still failing and fixed, each run once`() throws {
    let setup = try Setup()
    defer { setup.sink.stop() }
    try setup.write("nightly-1", "pfp")
    try setup.write("nightly-2", "ffpp")
    try setup.write("nightly-3", "pf-p")

    let first = try setup.check("nightly-1")
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stderr.contains("event=history"), "\(first.stderr)")
    #expect(try setup.posts().last?.contains("first run of series nightly: no earlier run to compare with") == true)
    _ = try setup.check("nightly-2")
    let second = try #require(try setup.posts().last)
    #expect(second.contains("1 new · 1 still failing since nightly-1"), "\(second)")
    #expect(second.contains("failing since nightly-1 (2 runs)"), "\(second)")
    _ = try setup.check("nightly-3")
    let third = try #require(try setup.posts().last)
    #expect(third.contains("no new failures · 1 still failing · 1 fixed since nightly-2"), "\(third)")
    #expect(third.contains("failing since nightly-1 (3 runs)"), "\(third)")

    for build in ["nightly-1", "nightly-2", "nightly-3", "nightly-3"] {
      #expect(try setup.check(build).status == 0)
    }
    #expect(try setup.posts().count == 3, "each run posted once")
    let runs = Self.runs(try setup.history("nightly"))
    #expect(runs.map { $0["build"] as? String } == ["nightly-3", "nightly-2", "nightly-1"], "each run recorded once")
    #expect(runs.first?["fixed"] as? [String] == ["shop.CartTest › t1"])
    #expect(runs.dropFirst().first?["new"] as? [String] == ["shop.CartTest › t1"])
    let all = try #require(try setup.history() as? [[String: Any]])
    #expect(all.map { $0["series"] as? String } == ["nightly"])
    #expect(all.first?["runs"] as? Int == 3)
  }

  @Test func `explain shows the baseline recorded with the run, and it does not move as the series goes on`() throws {
    let setup = try Setup()
    defer { setup.sink.stop() }
    try setup.write("nightly-7", "pfp")
    try setup.write("nightly-8", "fpp")
    try setup.write("nightly-9", "ppp")

    let before = try setup.command(["explain", "nightly-8"])
    #expect(before.stdout.contains("baseline none (first run) (as a check would record it now)"), "\(before.stdout)")
    _ = try setup.check("nightly-7")
    let preview = try setup.command(["explain", "nightly-8"])
    #expect(preview.stdout.contains("baseline nightly-7 (as a check would record it now)"), "\(preview.stdout)")
    #expect(preview.stdout.contains("new: shop.CartTest › t1"), "\(preview.stdout)")
    #expect(preview.stdout.contains("fixed: shop.CartTest › t2"), "\(preview.stdout)")
    #expect(Self.runs(try setup.history("nightly")).count == 1, "explain records nothing")
    _ = try setup.check("nightly-8")
    _ = try setup.check("nightly-9")
    let after = try setup.command(["explain", "nightly-8"])
    #expect(
      after.stdout.contains("baseline nightly-7 (recorded with the run when first judged COMPLETED or FAILED)"),
      "\(after.stdout)")
    let history = try setup.command(["history", "nightly"])
    #expect(history.stdout.hasPrefix("series nightly: 3 runs"), "\(history.stdout)")
    #expect(history.stdout.contains("nightly-9"), "\(history.stdout)")
    let unknown = try setup.command(["history", "weekly"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("no runs recorded for series weekly; recorded: nightly"), "\(unknown.stderr)")
  }

  @Test func `a target that wants only new failures hears of a known failure once, and of each new one`() throws {
    let setup = try Setup(target: "only_new_failures = true")
    defer { setup.sink.stop() }
    try setup.write("nightly-1", "pf")
    try setup.write("nightly-2", "pf")
    try setup.write("nightly-3", "ff")

    _ = try setup.check("nightly-1")
    let quiet = try setup.check("nightly-2")
    #expect(quiet.status == 0, "\(quiet.stderr)")
    #expect(quiet.stderr.contains("event=no-new-failures"), "\(quiet.stderr)")
    #expect(quiet.stderr.contains("no new failures since nightly-1"), "\(quiet.stderr)")
    #expect(try setup.posts().count == 1, "the first run's failures are new; the second's are known")
    _ = try setup.check("nightly-3")
    let posts = try setup.posts()
    #expect(posts.count == 2)
    #expect(posts.last?.contains("1 new · 1 still failing since nightly-2") == true, "\(posts.last ?? "")")
    let explain = try setup.command(["explain", "nightly-2"])
    #expect(explain.stdout.contains("no new failures since nightly-1"), "\(explain.stdout)")
  }

  @Test func `a kill after the history is written and before the state is counts the run once`() throws {
    let setup = try Setup()
    defer { setup.sink.stop() }
    try setup.write("nightly-1", "pf")
    try setup.write("nightly-2", "ff")
    _ = try setup.check("nightly-1")

    let killed = try setup.binary.start(
      setup.workspace.check("nightly-2"),
      environment: try FaultShim.environment(rename: 1, .stopAfter, suffix: ".history"))
    #expect(FaultShim.waitUntilStopped(killed.child), "stopped right after the history file was renamed")
    killed.child.stop()
    #expect(try setup.posts().count == 1, "killed before it posted")
    #expect(Self.runs(try setup.history("nightly")).count == 2, "the killed check had recorded nightly-2")

    let again = try setup.check("nightly-2")
    #expect(again.status == 0, "\(again.stderr)")
    let runs = Self.runs(try setup.history("nightly"))
    #expect(runs.map { $0["build"] as? String } == ["nightly-2", "nightly-1"], "recorded once, in its place")
    let post = try #require(try setup.posts().last)
    #expect(try setup.posts().count == 2)
    #expect(post.contains("1 new · 1 still failing since nightly-1"), "the same baseline, not itself: \(post)")
  }

  @Test func `runs of one series finishing at once are all recorded`() throws {
    let setup = try Setup()
    defer { setup.sink.stop() }
    let builds = (1...6).map { "nightly-\($0)" }
    for (index, build) in builds.enumerated() { try setup.write(build, index.isMultiple(of: 2) ? "pf" : "fp") }
    let checks = try builds.map { try setup.binary.start(setup.workspace.check($0)) }
    let results = checks.map { $0.wait() }

    #expect(results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
    let runs = Self.runs(try setup.history("nightly"))
    #expect(Set(runs.compactMap { $0["build"] as? String }) == Set(builds))
    #expect(runs.count == 6)
    #expect(try setup.posts().count == 6)
  }

  @Test func `a history file that is not one is set aside, named in the log, and the post still goes out`() throws {
    let setup = try Setup()
    defer { setup.sink.stop() }
    try setup.write("nightly-1", "pf")
    let directory = setup.workspace.stateDir + "/.history"
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try Data("not a history\n".utf8).write(to: URL(fileURLWithPath: directory + "/nightly.history"))

    let check = try setup.check("nightly-1")
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stderr.contains("event=history-set-aside"), "\(check.stderr)")
    #expect(try setup.posts().count == 1)
    let names = try FileManager.default.contentsOfDirectory(atPath: directory)
    #expect(names.contains { $0.hasPrefix("nightly.history.corrupt-") }, "\(names)")
    #expect(Self.runs(try setup.history("nightly")).count == 1)
  }

  @Test func `two hosts sharing one database keep one history, each run once, its baseline the run before`() throws {
    let server = try PostgresServer.shared.get()
    let setup = try Setup(stateURL: try server.database(), postgres: server)
    defer { setup.sink.stop() }
    let hostB = try setup.hostB()
    let outcomes = ["pfp", "ffp", "pfp", "ppp"]
    for (index, letters) in outcomes.enumerated() { try setup.write("nightly-\(index + 1)", letters) }
    let onB = { (build: String) in
      var arguments = setup.workspace.check(build)
      arguments[2] = hostB
      return try setup.binary.run(arguments)
    }

    #expect(try setup.check("nightly-1").status == 0)
    let second = try onB("nightly-2")
    #expect(second.status == 0, "\(second.stderr)")
    #expect(second.stderr.contains("compared_with=nightly-1"), "host B sees host A's run: \(second.stderr)")
    let racers = try ["nightly-3", "nightly-3", "nightly-4", "nightly-4"].enumerated().map { index, build in
      var arguments = setup.workspace.check(build)
      if index.isMultiple(of: 2) { arguments[2] = hostB }
      return try setup.binary.start(arguments)
    }
    #expect(racers.map { $0.wait().status } == [0, 0, 0, 0])
    #expect(try onB("nightly-2").status == 0)

    let runs = Self.runs(try setup.history("nightly"))
    #expect(runs.count == 4, "each run once: \(runs.map { $0["build"] ?? "" })")
    #expect(Set(runs.compactMap { $0["build"] as? String }) == ["nightly-1", "nightly-2", "nightly-3", "nightly-4"])
    #expect(try setup.posts().count == 4)
    #expect(try setup.posts()[1].contains("1 new · 1 still failing since nightly-1"))
    let rows = try server.psql(
      "SELECT count(*) FROM finishline_series_runs WHERE series = 'nightly'",
      database: setup.workspace.stateURL ?? "")
    #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == "4")
    #expect(
      !FileManager.default.fileExists(atPath: setup.workspace.stateDir + "/.history"), "the history is in the database")
    let explain = try setup.binary.run([
      "explain", "nightly-2", "--config", hostB, "--env-file", setup.workspace.envFile,
    ])
    #expect(explain.stdout.contains("baseline nightly-1 (recorded with the run"), "\(explain.stdout)")
    #expect(!explain.stdout.contains(server.password) && !explain.stderr.contains(server.password))
  }
}

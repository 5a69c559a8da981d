import Foundation
import TestSupport
import Testing

/// `status --html` from outside: every example run checked into one state directory, then the
/// page read as a file. Structural checks only, so no browser is needed.
@Suite("status page, end to end", .timeLimit(.minutes(3)))
struct StatusPageEndToEndTests {
  static let states = [
    "e2e-completed": "COMPLETED", "e2e-failed": "FAILED", "e2e-cancelled": "CANCELLED",
    "e2e-terminated": "TERMINATED", "e2e-hung": "HUNG", "e2e-unknown": "UNKNOWN", "e2e-midwrite": "RUNNING",
  ]

  @Test func `the page lists every run in its state, escaped, self-contained and readable by others`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/statusPageS3cret"))
    let binary = try FinishlineBinary.built()
    // An hour old, so the windows of TERMINATED, HUNG and UNKNOWN have passed; the mid-write
    // run is freshly written and its runner is alive, so it stays RUNNING.
    try workspace.age(3600)
    let enumerator = FileManager.default.enumerator(atPath: workspace.root)
    while let relative = enumerator?.nextObject() as? String {
      guard relative.contains("e2e-midwrite") else { continue }
      try FileManager.default.setAttributes(
        [.modificationDate: Date()], ofItemAtPath: "\(workspace.root)/\(relative)")
    }
    let runners = try ["e2e-hung", "e2e-midwrite"].map { try workspace.startRunner($0) }
    defer { runners.forEach { $0.stop() } }
    for run in Self.states.keys.sorted() {
      let start = run == "e2e-hung" ? workspace.startedAt(secondsAgo: 3600) : []
      let result = try binary.run(workspace.check(run, ["--json"] + start))
      #expect(
        result.stdout.contains("\"state\":\"\(Self.states[run] ?? "")\""),
        "\(run): \(result.stdout) \(result.stderr)")
    }
    try "{not a state file".write(
      toFile: "\(workspace.stateDir)/e2e-garbled.json", atomically: true, encoding: .utf8)

    let pagePath = workspace.directory.appendingPathComponent("www/status.html").path
    try FileManager.default.createDirectory(
      atPath: workspace.directory.appendingPathComponent("www").path, withIntermediateDirectories: true)
    let result = try binary.run(
      ["status", "--config", workspace.configPath, "--env-file", workspace.envFile, "--html", pagePath])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout == pagePath + "\n")
    #expect(result.stderr.contains("e2e-garbled"))

    let page = try String(contentsOfFile: pagePath, encoding: .utf8)
    let attributes = try FileManager.default.attributesOfItem(atPath: pagePath)
    #expect(attributes[.posixPermissions] as? Int == 0o644)
    #expect(page.contains("<meta http-equiv=\"refresh\" content=\"60\">"))
    for (run, state) in Self.states {
      let row = try #require(
        page.components(separatedBy: "<tbody class=\"run\">").first { $0.contains(">\(run)</span>") },
        "\(run)")
      #expect(row.contains(">\(state)</span>"), "\(run) is not shown \(state)")
    }
    #expect(page.contains("atvm <b>delivered</b>"))
    let afterSeries = try #require(page.components(separatedBy: "<table class=\"series\">").dropFirst().first)
    let series = try #require(afterSeries.components(separatedBy: "</table>").first)
    #expect(series.contains("<span class=\"run-name\">e2e-failed</span></th>"), "finished runs are recorded")
    #expect(series.contains("title=\"e2e-failed: FAILED, "))
    #expect(series.contains("title=\"e2e-completed: COMPLETED, "))
    #expect(!series.contains("e2e-hung"), "only finished runs are history")
    #expect(page.contains("<span class=\"run-name\">e2e-garbled</span>: does not parse as a state file"))
    #expect(!page.contains("statusPageS3cret"))
    #expect(!page.contains("<script"))

    let references = try NSRegularExpression(
      pattern: #"\b(?:src|href)\s*=\s*["']?([^"' >]*)"#, options: [.caseInsensitive])
    let found = references.matches(in: page, range: NSRange(page.startIndex..., in: page)).compactMap {
      Range($0.range(at: 1), in: page).map { String(page[$0]) }
    }
    #expect(
      found.filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") || $0.hasPrefix("//") }.isEmpty,
      "\(found)")
    for tag in [
      "html", "head", "body", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li", "section", "span",
    ] {
      let opened =
        page.components(separatedBy: "<\(tag)>").count + page.components(separatedBy: "<\(tag) ").count - 2
      #expect(opened == page.components(separatedBy: "</\(tag)>").count - 1, "<\(tag)> is not balanced")
    }
  }

  @Test func `--html and --json cannot be combined`() throws {
    let workspace = try Workspace()
    try workspace.configure(webhookURL: "http://127.0.0.1:9/hooks/x")
    let result = try FinishlineBinary.built().run(
      [
        "status", "--config", workspace.configPath, "--env-file", workspace.envFile, "--json", "--html",
        "x.html",
      ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--json and --html cannot be combined"))
  }
}

import Foundation
import TestSupport
import Testing

/// "Why did (or didn't) it post?" answered from the logs alone, and the metrics graphable.
@Suite("logs and metrics, end to end", .timeLimit(.minutes(3)))
struct ObservabilityEndToEndTests {
  func checkTwice(environment: [String: String] = [:], extra: [String] = [], settings: [String: String] = [:])
    throws -> (Workspace, [FinishlineBinary.Result])
  {
    let workspace = try Workspace()
    try FileManager.default.createDirectory(
      at: workspace.directory.appendingPathComponent("metrics"), withIntermediateDirectories: true)
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/logS3cret"), settings: settings)
    let binary = try FinishlineBinary.built()
    let results = try (0..<2).map { _ in try binary.run(workspace.check("e2e-failed", extra), environment: environment)
    }
    for result in results { #expect(result.status == 0, "\(result.stderr)") }
    return (workspace, results)
  }

  func line(_ stderr: String, _ event: String) -> String? {
    stderr.split(separator: "\n").map(String.init).first { $0.contains("event=\(event) ") }
  }

  @Test func `the logs explain the transition the decision the delivery and the duplicate`() throws {
    let (_, results) = try checkTwice()
    let first = results[0].stderr
    let transition = try #require(line(first, "transition"))
    #expect(transition.contains("to=FAILED") && transition.contains("reason=\"all 5 machines final"))
    #expect(transition.contains("run=e2e-failed") && transition.contains("scope=e2e-failed"))
    #expect(try #require(line(first, "post")).contains("reason=\"FAILED and not yet posted to atvm\""))
    let delivery = try #require(line(first, "delivery"))
    #expect(delivery.contains("outcome=delivered") && delivery.contains("http_status=200"))
    #expect(
      try #require(line(results[1].stderr, "duplicate-prevented")).contains("reason=\"FAILED already posted to atvm"))
    for result in results { #expect(!result.stderr.contains("logS3cret")) }
  }

  @Test func `under journald every line carries its priority`() throws {
    let (_, results) = try checkTwice(environment: ["JOURNAL_STREAM": "8:123456"])
    let lines = results.flatMap { $0.stderr.split(separator: "\n") }
    #expect(!lines.isEmpty)
    #expect(lines.allSatisfy { $0.hasPrefix("<") && $0.dropFirst(2).hasPrefix(">ts=") }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("<5>") && $0.contains("event=transition") })
    #expect(lines.contains { $0.hasPrefix("<6>") && $0.contains("event=watch") })
  }

  @Test func `JSON logs are one object per line`() throws {
    let (_, results) = try checkTwice(extra: ["--log-format", "json"])
    let lines = results.flatMap { $0.stderr.split(separator: "\n") }
    #expect(!lines.isEmpty, "the checks logged something")
    for line in lines {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      #expect(object?["event"] is String && object?["run"] as? String == "e2e-failed", "\(line)")
      if let dryRun = object?["dry_run"] { #expect(dryRun is Bool, "typed: \(line)") }
      if let attempt = object?["attempt"] { #expect(attempt is Int, "typed: \(line)") }
    }
    #expect(lines.contains { $0.contains(#""dry_run":false"#) }, "booleans are JSON booleans")
  }

  @Test func `the metrics file parses and its counters grow across invocations`() throws {
    let (workspace, _) = try checkTwice(settings: ["metrics_file": "\"metrics/finishline.prom\""])
    let path = workspace.directory.appendingPathComponent("metrics/finishline.prom").path
    let families = try PrometheusParser.parse(path)
    #expect(
      PrometheusParser.value(families, "finishline_posts_total", ["target_type": "mattermost", "state": "FAILED"]) == 1)
    #expect(PrometheusParser.value(families, "finishline_duplicates_prevented_total") == 1)
    #expect(PrometheusParser.value(families, "finishline_checks_total", ["exit_code": "0"]) == 2)
    let binary = try FinishlineBinary.built()
    _ = try binary.run(workspace.check("e2e-failed"))
    let later = try PrometheusParser.parse(path)
    #expect(PrometheusParser.value(later, "finishline_checks_total", ["exit_code": "0"]) == 3)
    #expect(PrometheusParser.value(later, "finishline_duplicates_prevented_total") == 2)
  }
}

@Suite("status page refresh, end to end", .timeLimit(.minutes(3)))
struct StatusPageRefreshTests {
  @Test func `a configured status page is rewritten after every check`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(
      webhookURL: sink.url(path: "/hooks/pageS3cret"), settings: ["status_page": "\"status.html\""])
    let binary = try FinishlineBinary.built()
    _ = try binary.run(workspace.check("e2e-failed"))
    let page = workspace.directory.appendingPathComponent("status.html").path
    let first = try String(contentsOfFile: page, encoding: .utf8)
    #expect(first.contains("e2e-failed") && !first.contains("e2e-cancelled"))
    _ = try binary.run(workspace.check("e2e-cancelled"))
    let second = try String(contentsOfFile: page, encoding: .utf8)
    #expect(second.contains("e2e-cancelled") && second.contains("CANCELLED"))
    #expect(!second.contains("pageS3cret"))
  }
}

import Foundation
import TestSupport
import Testing

/// Recognisable secrets (a webhook path token, an API token, an SMTP password) through every
/// failure path, grepped in every byte finishline writes or prints.
@Suite("secrets audit on failure paths", .timeLimit(.minutes(3)))
struct SecretsAuditEndToEndTests {
  static let secrets = ["WEBHOOKt0kenQ7", "APIt0kenZ3", "SMTPpa55W9"]

  struct Path: Sendable, CustomTestStringConvertible {
    var name: String
    var script: String
    var tls = false
    var testDescription: String { name }
  }

  static let paths = [
    Path(name: "success", script: "200"), Path(name: "4xx echoing the path", script: "400:echo"),
    Path(name: "5xx echoing the path", script: "503:echo"), Path(name: "redirect to the path", script: "302:echo"),
    Path(name: "timeout", script: "hang"), Path(name: "TLS failure", script: "200", tls: true),
  ]

  @Test(arguments: paths)
  func `no secret reaches any output`(_ path: Path) throws {
    let certificates = try TestCertificates.make()
    let sink = try WebhookSink.start(script: path.script, tls: path.tls ? certificates.server : nil)
    let mail = try SMTPSink.start()
    defer {
      sink.stop()
      mail.stop()
    }
    let workspace = try Workspace()
    let page = workspace.directory.appendingPathComponent("page.html").path
    let metrics = workspace.directory.appendingPathComponent("metrics.prom").path
    try workspace.configure(
      run: "mochawesome = \"results/{run}/*.json\"\nrunner_match = 'cypress run .*{run} {token}'",
      target: """
        token = "env:MM_TOKEN"
        timeout = "2s"

        [[notify]]
        name = "audit"
        type = "webhook"
        url = "\(sink.url(path: "/audit/\(Self.secrets[0])"))"
        timeout = "2s"

        [[notify]]
        name = "mail"
        type = "email"
        url = "\(mail.url)"
        from = "bot@example.com"
        to = ["qa@example.com"]
        username = "bot"
        password = "env:SMTP_PASSWORD"
        """, webhookURL: sink.url(path: "/hooks/\(Self.secrets[0])"))
    let config = try String(contentsOfFile: workspace.configPath, encoding: .utf8)
    try ("status_page = \"\(page)\"\nmetrics_file = \"\(metrics)\"\n" + config)
      .write(toFile: workspace.configPath, atomically: true, encoding: .utf8)
    try
      "MATTERMOST_ATVM_WEBHOOK=\(sink.url(path: "/hooks/\(Self.secrets[0])"))\nMM_TOKEN=\(Self.secrets[1])\nSMTP_PASSWORD=\(Self.secrets[2])\n"
      .write(toFile: workspace.envFile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: workspace.envFile)
    try workspace.place("merge-search.json", at: "results/S-1/search.json", secondsAgo: 600)
    let binary = try FinishlineBinary.built()
    let common = ["--config", workspace.configPath, "--env-file", workspace.envFile]
    var outputs: [String] = []
    for arguments in [
      workspace.check("S-1", ["--json", "--deadline", "8s", "--triggered-by", "alice@example.com"]),
      workspace.check("S-1", ["--json", "--deadline", "8s"]), ["status"] + common, ["status", "--json"] + common,
      ["status", "--html", page] + common, ["explain", "S-1"] + common, ["config", "check"] + common,
    ] {
      let result = try binary.run(arguments)
      outputs += [result.stdout, result.stderr]
    }
    outputs.append(try workspace.stateContents())
    outputs.append((try? String(contentsOfFile: page, encoding: .utf8)) ?? "")
    outputs.append((try? String(contentsOfFile: metrics, encoding: .utf8)) ?? "")
    #expect(outputs[0].contains("\"scope\":\"S-1\""), "the check ran: \(outputs[0]) \(outputs[1])")
    if !path.tls {
      let received = try sink.requests()
      #expect(received.contains { $0.path.contains(Self.secrets[0]) }, "the secret URL was really used")
      #expect(received.contains { $0.header("Authorization") == "Bearer \(Self.secrets[1])" }, "and the API token")
    }
    for secret in Self.secrets {
      for (index, output) in outputs.enumerated() where output.contains(secret) {
        Issue.record("\(path.name): output \(index) shows \(secret):\n\(output)")
      }
    }
  }
}

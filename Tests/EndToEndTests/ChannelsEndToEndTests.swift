import Foundation
import TestSupport
import Testing

/// Email over real SMTP and the generic webhook through the built binary.
@Suite("email and webhook channels, end to end", .timeLimit(.minutes(3)))
struct ChannelsEndToEndTests {
  static func emailTarget(_ url: String, extra: String = "") -> String {
    """

    [[notify]]
    name = "oncall-mail"
    type = "email"
    url  = "\(url)"
    from = "finishline@example.com"
    to   = ["qa-oncall@example.com", "release@example.com"]
    on   = ["failed", "hung"]
    \(extra)
    """
  }

  @Test func `an email reaches the server with the right subject and recipients`() throws {
    let workspace = try Workspace()
    let webhook = try WebhookSink.start()
    let smtp = try SMTPSink.start()
    defer {
      webhook.stop()
      smtp.stop()
    }
    try workspace.configure(webhookURL: webhook.url(path: "/hooks/mm"), append: Self.emailTarget(smtp.url))
    let binary = try FinishlineBinary.built()
    for _ in 0..<2 {
      let result = try binary.run(workspace.check("e2e-failed", ["--json"]))
      #expect(result.status == 0, "\(result.stderr)")
    }
    let messages = try smtp.messages(atLeast: 1)
    #expect(messages.count == 1, "sent once, not again on the second check")
    let message = try #require(messages.first)
    #expect(message.subject == "[FAILED] e2e-failed: 4 of 30 tests failed on 2 of 5 machines")
    #expect(message.rcptTos.sorted() == ["qa-oncall@example.com", "release@example.com"])
    #expect(message.mailFrom == "finishline@example.com")
    #expect(message.body?.contains("Target VM was slow to boot") == true)
  }

  @Test func `an SMTP password never appears in logs state or JSON`() throws {
    let workspace = try Workspace()
    let webhook = try WebhookSink.start()
    let smtp = try SMTPSink.start()
    defer {
      webhook.stop()
      smtp.stop()
    }
    try workspace.configure(
      webhookURL: webhook.url(path: "/hooks/mm"),
      append: Self.emailTarget(smtp.url, extra: "username = \"mailer\"\npassword = \"env:SMTP_PASSWORD\""))
    let environment = ["SMTP_PASSWORD": "smtpPa55w0rdXYZ"]
    let binary = try FinishlineBinary.built()
    var outputs: [String] = []
    for arguments in [
      workspace.check("e2e-failed", ["--json", "--deadline", "5"]),
      ["config", "check", "--config", workspace.configPath, "--env-file", workspace.envFile],
    ] {
      let result = try binary.run(arguments, environment: environment)
      outputs += [result.stdout, result.stderr]
    }
    outputs.append(try workspace.stateContents())
    for output in outputs { #expect(!output.contains("smtpPa55w0rdXYZ"), "\(output.prefix(300))") }
  }

  @Test func `a webhook payload matches its schema and carries a stable idempotency key`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start(script: "503,200")
    let chat = try WebhookSink.start()
    defer {
      sink.stop()
      chat.stop()
    }
    let target = """

      [[notify]]
      name = "ci-hook"
      type = "webhook"
      url  = "\(sink.url(path: "/generic/hookS3cret"))"
      """
    try workspace.configure(webhookURL: chat.url(path: "/hooks/mm"), append: target)
    let result = try FinishlineBinary.built().run(workspace.check("e2e-failed", ["--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    let posts = try sink.requests().filter { $0.path.hasPrefix("/generic/") }
    #expect(posts.count == 2, "a 503, then the same request again")
    let keys = posts.compactMap { $0.header("Idempotency-Key") }
    #expect(keys.count == 2 && keys[0] == keys[1] && keys[0].count == 64, "\(keys)")
    let body = try #require(posts.last?.body)
    #expect(body.contains("\"schema\":\"finishline.webhook/v1\""))
    let file = workspace.directory.appendingPathComponent("payload.json")
    try body.write(to: file, atomically: true, encoding: .utf8)
    let schema = RepositoryPaths.root.appendingPathComponent("schemas/webhook-v1.schema.json").path
    let validate = RepositoryPaths.root.appendingPathComponent("scripts/validate-json").path
    let check = try FinishlineBinary(path: "/usr/bin/python3").run([validate, schema, file.path])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
  }

  /// A pytest run with 2,000 distinct long failures: the full webhook payload is over 1 MiB,
  /// more than an nginx in front of most receivers accepts, so the minimal payload is sent.
  @Test func `a payload over one mebibyte falls back to the minimal one`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    let target = """

      [[notify]]
      name = "ci-hook"
      type = "webhook"
      url  = "\(sink.url(path: "/generic/hook"))"
      """
    try workspace.configure(
      run: "junit = \"reports/*.xml\"\nrunner_match = 'pytest .*{run} {token}'", target: target,
      webhookURL: sink.url(path: "/hooks/mm"))
    // Words of letters only: numbers are normalised away when failures are grouped.
    let word = { (index: Int) in String((0..<4).map { Character(Unicode.Scalar(UInt8(97 + index >> ($0 * 4) % 16))) }) }
    let cases = (0..<2_000).map { index in
      let message = "AssertionError: " + String(repeating: "expected \(word(index)) to equal its twin; ", count: 20)
      return
        #"<testcase classname="test_big" name="test_\#(index)"><failure message="\#(message)">\#(message)</failure></testcase>"#
    }
    let xml =
      #"<?xml version="1.0"?><testsuites><testsuite name="pytest" tests="2000" failures="2000">"#
      + cases.joined() + "</testsuite></testsuites>"
    try workspace.write(Data(xml.utf8), at: "reports/junit.xml", secondsAgo: 600)
    let result = try FinishlineBinary.built().run(workspace.check("B-big", workspace.startedAt(secondsAgo: 3_600)))
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("event=render-failed"), "the fallback is logged")
    let hook = try #require(try sink.requests().first { $0.path.hasPrefix("/generic/") })
    #expect(hook.body.utf8.count < 16_384, "\(hook.body.utf8.count) bytes")
    let body = try #require(try JSONSerialization.jsonObject(with: Data(hook.body.utf8)) as? [String: Any])
    #expect(body["truncated"] as? Bool == true)
    #expect(body["state"] as? String == "FAILED")
    #expect((body["counts"] as? [String: Any])?["failed"] as? Int == 2_000)
    let chat = try #require(try sink.requests().first { $0.path.hasPrefix("/hooks/") })
    #expect(chat.body.contains("2,000 of 2,000 tests failed"), "the chat post is cut to fit, not replaced")
  }
}

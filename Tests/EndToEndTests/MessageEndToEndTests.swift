import Foundation
import TestSupport
import Testing

/// What people read: the failed example's post through the built binary and a real sink.
@Suite("messages, end to end", .timeLimit(.minutes(3)))
struct MessageEndToEndTests {
  static let nonMatchingAdvice = """

    [[advice]]
    match  = "Connection refused by the license server"
    advice = "Restart the license server."
    """

  func post(environment: [String: String] = [:]) throws -> (text: String, payload: [String: Any]) {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/message"), append: Self.nonMatchingAdvice)
    let result = try FinishlineBinary.built().run(workspace.check("e2e-failed"), environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    let body = try #require(try sink.requests().first?.body)
    let payload = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    return (try #require(payload["text"] as? String), payload)
  }

  @Test func `similar failures are shown once with their count and machines and no stack frames`() throws {
    let (text, _) = try post()
    #expect(text.contains("**4 failures** on vm-02, vm-04"), "\(text)")
    #expect(text.components(separatedBy: "Timed out retrying").count == 2, "the message appears once")
    #expect(!text.contains("    at "), "no stack frames")
    #expect(!text.contains("cypress_runner.js"))
  }

  @Test func `matching advice appears under the group and non matching advice does not`() throws {
    let (text, _) = try post()
    #expect(text.contains("Target VM was slow to boot; re-run the group before filing a bug."))
    #expect(!text.contains("Restart the license server."))
  }

  @Test func `a mapped triggering user is mentioned`() throws {
    let (text, _) = try post(environment: ["BUILD_USER_EMAIL": "Alice@Example.com"])
    #expect(text.contains("@alice"))
  }

  @Test func `an unmapped triggering user still gets the post without a mention`() throws {
    let (text, _) = try post(environment: ["BUILD_USER_EMAIL": "mallory@example.com"])
    #expect(!text.contains("cc @"))
    #expect(text.contains("FAILED e2e-failed"))
  }

  @Test func `CI context is shown with generic names`() throws {
    let (text, _) = try post(environment: [
      "BUILD_URL": "https://ci.example.com/job/e2e/42/", "JOB_NAME": "e2e", "BUILD_NUMBER": "42",
    ])
    #expect(text.contains("https://ci.example.com/job/e2e/42/"))
    #expect(text.contains("CI build"))
    #expect(!text.contains("Jenkins"))
  }

  @Test func `preview prints the message exactly as it would be sent and sends nothing`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    try workspace.configure(webhookURL: sink.url(path: "/hooks/secretpreview"))
    let result = try FinishlineBinary.built().run(
      ["preview", "e2e-failed", "--config", workspace.configPath, "--env-file", workspace.envFile])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("== atvm (mattermost)"))
    #expect(result.stdout.contains("\"text\":\"#### :x: FAILED e2e-failed"))
    #expect(!result.stdout.contains("secretpreview"))
    #expect(try sink.requests().isEmpty)
    #expect(!FileManager.default.fileExists(atPath: workspace.stateDir))
  }
}

@Suite("slack, end to end", .timeLimit(.minutes(3)))
struct SlackEndToEndTests {
  @Test func `a Slack target receives one block kit payload within limits`() throws {
    let workspace = try Workspace()
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    let slack = """

      [[notify]]
      name = "slack-qa"
      type = "slack"
      url  = "\(sink.url(path: "/services/T000/B000/slacksecret"))"
      on   = ["failed"]
      """
    try workspace.configure(webhookURL: sink.url(path: "/hooks/mm"), append: slack)
    let result = try FinishlineBinary.built().run(workspace.check("e2e-failed", ["--json"]))
    #expect(result.status == 0, "\(result.stderr)")
    let requests = try sink.requests()
    #expect(requests.count == 2, "one Mattermost and one Slack post")
    let slackBody = try #require(requests.first { $0.path.contains("/services/") }?.body)
    let payload = try #require(try JSONSerialization.jsonObject(with: Data(slackBody.utf8)) as? [String: Any])
    let blocks = try #require(payload["blocks"] as? [[String: Any]])
    #expect(!blocks.isEmpty && blocks.count <= 50)
    #expect(slackBody.contains("4 failures"))
    #expect(!result.stderr.contains("slacksecret"))
  }
}

@Suite("mentions looked up by token, end to end", .timeLimit(.minutes(3)))
struct MentionLookupEndToEndTests {
  func run(api: String, sink: WebhookSink) throws -> (FinishlineBinary.Result, [WebhookSink.Request]) {
    let workspace = try Workspace()
    let target = """

      [[notify]]
      name    = "mm-lookup"
      type    = "mattermost"
      url     = "\(sink.url(path: "/hooks/lookup"))"
      token   = "env:MM_TOKEN"
      api_url = "\(api)"
      """
    try workspace.configure(webhookURL: sink.url(path: "/hooks/mm"), append: target)
    let result = try FinishlineBinary.built().run(
      workspace.check("e2e-failed"), environment: ["MM_TOKEN": "tokS3cret", "BUILD_USER_EMAIL": "carol@example.com"])
    return (result, try sink.requests())
  }

  @Test func `an unmapped user is found through the server API`() throws {
    let sink = try WebhookSink.start(getBody: #"{"id":"u1","username":"carol"}"#)
    defer { sink.stop() }
    let (result, requests) = try run(api: sink.url(path: "/"), sink: sink)
    #expect(result.status == 0, "\(result.stderr)")
    let lookup = try #require(requests.first { $0.path.hasPrefix("/api/v4/users/email/") })
    #expect(lookup.header("Authorization") == "Bearer tokS3cret")
    #expect(requests.first { $0.path == "/hooks/lookup" }?.body.contains("@carol") == true)
    #expect(!result.stderr.contains("tokS3cret"))
  }

  @Test func `a failed lookup never costs the post`() throws {
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    let (result, requests) = try run(api: "http://127.0.0.1:\(try LocalPort.unused())", sink: sink)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("event=mention-lookup-failed"))
    let post = try #require(requests.first { $0.path == "/hooks/lookup" }?.body)
    #expect(!post.contains("cc @"))
  }
}

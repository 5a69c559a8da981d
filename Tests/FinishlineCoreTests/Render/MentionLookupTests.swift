import Testing

@testable import FinishlineCore

@Suite("mention lookup by API token")
struct MentionLookupTests {
  func target(_ kind: NotifyTarget.Kind, _ url: String, token: String? = "tok", api: String? = nil) throws
    -> NotifyTarget
  {
    let settings = ChatSettings(token: token, apiURL: api)
    let channel: Channel = kind == .slack ? .slack(settings) : kind == .mattermost ? .mattermost(settings) : .webhook
    return NotifyTarget(name: "t", channel: channel, url: try SecretURL(url, schemes: ["http", "https"]))
  }

  @Test func `Mattermost asks the webhooks server for the user by email`() throws {
    let url = MentionLookup.url(
      for: "a.b+qa@example.com", target: try target(.mattermost, "https://chat.example.com:8065/hooks/x"))
    #expect(url == "https://chat.example.com:8065/api/v4/users/email/a.b%2Bqa%40example.com")
  }

  @Test func `an API base overrides the default`() throws {
    let mattermost = try target(.mattermost, "https://chat.example.com/hooks/x", api: "http://127.0.0.1:9/")
    #expect(
      MentionLookup.url(for: "c@example.com", target: mattermost)
        == "http://127.0.0.1:9/api/v4/users/email/c%40example.com")
    let slack = try target(.slack, "https://hooks.slack.com/services/x")
    #expect(
      MentionLookup.url(for: "c@example.com", target: slack)
        == "https://slack.com/api/users.lookupByEmail?email=c%40example.com")
  }

  @Test func `without a token nothing is looked up`() throws {
    #expect(MentionLookup.url(for: "c@example.com", target: try target(.mattermost, "https://h/x", token: nil)) == nil)
  }

  @Test(arguments: [
    (NotifyTarget.Kind.mattermost, #"{"id":"u1","username":"carol","email":"c@example.com"}"#, "@carol"),
    (.slack, #"{"ok":true,"user":{"id":"U023BECGF","name":"carol"}}"#, "<@U023BECGF>"),
  ])
  func `the handle is read from the answer`(_ kind: NotifyTarget.Kind, _ body: String, _ handle: String) {
    #expect(MentionLookup.handle(fromResponse: body, kind: kind) == handle)
  }

  @Test(arguments: [
    (NotifyTarget.Kind.slack, #"{"ok":false,"error":"users_not_found"}"#),
    (.mattermost, #"{"id":"api.user.get_by_email.app_error","status_code":404}"#),
    (.mattermost, "not json"),
  ])
  func `an unusable answer gives no handle`(_ kind: NotifyTarget.Kind, _ body: String) {
    #expect(MentionLookup.handle(fromResponse: body, kind: kind) == nil)
  }
}

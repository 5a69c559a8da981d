import Testing

@testable import FinishlineCore

@Suite("Mentioning who triggered the run")
struct MentionTests {
  static let mentions: [String: MentionHandle] = [
    "alice@example.com": "@alice", "Bob@Example.com": "bob", "carol@example.com": "<@U024BE7LH>",
  ]

  @Test(
    arguments: [
      ("alice@example.com", "@alice"),
      ("ALICE@Example.COM", "@alice"),
      ("  alice@example.com ", "@alice"),
      ("Alice Liddell <alice@example.com>", "@alice"),
      ("bob@example.com", "@bob"),
      ("carol@example.com", "<@U024BE7LH>"),
    ])
  func `the triggering email resolves to its handle`(_ email: String, _ handle: String) {
    #expect(Mention.handle(for: email, in: Self.mentions) == handle)
  }

  @Test(arguments: [nil, "", "dave@example.com", "x@y"])
  func `no email, an unknown email or a blank handle mentions nobody`(_ email: String?) {
    #expect(Mention.handle(for: email, in: Self.mentions.merging(["x@y": "  "]) { $1 }) == nil)
  }

  @Test(
    arguments: [
      (NotifyTarget.Kind.mattermost, "@bob"), (.slack, "<@U024BE7LH>"), (.email, "@bob.everywhere"),
    ])
  func `a per-channel handle answers for its channel; a plain one for every channel`(
    _ channel: NotifyTarget.Kind, _ handle: String
  ) {
    let mentions = [
      "bob@example.com": MentionHandle(
        everywhere: "@bob.everywhere", channels: [.mattermost: "@bob", .slack: "<@U024BE7LH>"])
    ]
    #expect(Mention.handle(for: "bob@example.com", in: mentions, channel: channel) == handle)
  }

  @Test func `a per channel entry without this channel mentions nobody there`() {
    let mentions = ["bob@example.com": MentionHandle(channels: [.slack: "<@U024BE7LH>"])]
    #expect(Mention.handle(for: "bob@example.com", in: mentions, channel: .mattermost) == nil)
  }
}

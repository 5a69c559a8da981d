import Testing

@testable import FinishlineCore

@Suite("Mentioning who triggered the run")
struct MentionTests {
  static let mentions = ["alice@example.com": "@alice", "Bob@Example.com": "bob", "carol@example.com": "<@U024BE7LH>"]

  @Test(
    "the triggering email resolves to its handle",
    arguments: [
      ("alice@example.com", "@alice"),
      ("ALICE@Example.COM", "@alice"),
      ("  alice@example.com ", "@alice"),
      ("Alice Liddell <alice@example.com>", "@alice"),
      ("bob@example.com", "@bob"),
      ("carol@example.com", "<@U024BE7LH>"),
    ])
  func resolves(_ email: String, _ handle: String) {
    #expect(Mention.handle(for: email, in: Self.mentions) == handle)
  }

  @Test(
    "no email, an unknown email or a blank handle mentions nobody", arguments: [nil, "", "dave@example.com", "x@y"])
  func nobody(_ email: String?) {
    #expect(Mention.handle(for: email, in: Self.mentions.merging(["x@y": "  "]) { $1 }) == nil)
  }
}

import Testing

@testable import FinishlineCore

@Suite("email addresses in the configuration")
struct MailAddressTests {
  @Test(
    arguments: [
      ("bot@example.com", "bot@example.com"), ("Finishline Bot <bot@example.com>", "bot@example.com"),
      (#""QA, on call" <qa-oncall@example.com>"#, "qa-oncall@example.com"), ("  <x@y.example> ", "x@y.example"),
      ("Größe Bot <bot@example.com>", "bot@example.com"),
    ])
  func `addresses with and without an RFC 5322 display name`(text: String, address: String) throws {
    #expect(try MailAddress(text).address == address)
  }

  @Test(
    arguments: [
      ("bot", MailAddress.Problem.notAnAddress("bot")), ("a@b@c", .notAnAddress("a@b@c")),
      ("bot @example.com", .notAnAddress("bot @example.com")),
      ("Bot <bot@example.com", .notAnAddress("Bot <bot@example.com")),
      ("jörg@example.com", .notASCII("jörg@example.com")), ("bot@example.", .notAnAddress("bot@example.")),
    ])
  func `what an SMTP server would refuse is refused at load`(text: String, problem: MailAddress.Problem) {
    #expect(throws: problem) { try MailAddress(text) }
  }

  @Test func `a display name from loads and a non ASCII address does not`() throws {
    func load(from: String) throws -> Configuration {
      try ConfigurationLoader.load(
        text: """
          [run]
          root = "/r"
          mochawesome = "m/{run}/*.json"
          [[notify]]
          name = "mail"
          type = "email"
          url = "smtp://127.0.0.1:25"
          from = "\(from)"
          to = ["qa@example.com"]
          """, file: "/etc/f.toml", environment: [:])
    }
    #expect(
      try load(from: "Finishline Bot <bot@example.com>").notify.first?.channel.email?.from
        == "Finishline Bot <bot@example.com>"
    )
    #expect(throws: ConfigError.self) { try load(from: "bøt@example.com") }
  }
}

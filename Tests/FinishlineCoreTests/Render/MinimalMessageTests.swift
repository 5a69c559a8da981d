import Foundation
import Testing

@testable import FinishlineCore

/// The minimal message is what a post falls back to when the full one is over the body limit:
/// every channel has one, in its own shape, and reaching it never costs the post.
@Suite("minimal message fallback")
struct MinimalMessageTests {
  static func target(_ kind: NotifyTarget.Kind) throws -> NotifyTarget {
    guard kind == .email else { return try SampleMessage.target(kind) }
    return NotifyTarget(
      name: "mail", channel: .email(EmailSettings(from: "ci@example.com", to: ["qa@example.com"])),
      url: try SecretURL("smtp://127.0.0.1:2525", schemes: ["smtp"]))
  }

  @Test(arguments: [NotifyTarget.Kind.mattermost, .slack, .webhook, .email])
  func `a message over the body limit is replaced by the channel's minimal one, and the reason is told`(
    _ kind: NotifyTarget.Kind
  ) throws {
    let context = SampleMessage.manyFailures(count: 300, machineCount: 10)
    var errors: [any Error] = []
    let rendered = MessageRenderer.render(context, for: try Self.target(kind), bodyLimit: 2_000) { errors.append($0) }
    let error = try #require(errors.first as? RenderError)
    guard case .tooLarge(let bytes, let limit) = error else { throw error }
    #expect(bytes > 2_000 && limit == 2_000)
    #expect(errors.count == 1)
    switch rendered {
    case .mail(let subject, let body):
      #expect(kind == .email)
      #expect(subject == "[FAILED] BUILD-7: 300 of 1,300 tests failed on 10 of 10 machines")
      #expect(body.contains("too large to send"))
      #expect(body.utf8.count < 2_000)
    case .http(let body):
      #expect(body.count < 2_000, "the minimal message fits where the full one did not")
      let json = try #require(try JSONSerialization.jsonObject(with: body) as? [String: Any])
      if kind == .webhook {
        #expect(json["schema"] as? String == WebhookPayload.schema)
        #expect(json["truncated"] as? Bool == true)
        #expect((json["failures"] as? [Any])?.isEmpty == true)
        #expect(((json["counts"] as? [String: Any])?["failed"] as? Int) == 300)
      } else {
        #expect(json["channel"] as? String == "qa-alerts", "the minimal post lands in the target's channel")
        #expect((json["text"] as? String)?.hasPrefix("FAILED BUILD-7: 300 of 1,300 tests failed") == true)
      }
    }
  }

  @Test(arguments: [NotifyTarget.Kind.mattermost, .slack, .webhook, .email])
  func `within the limit every channel renders in full`(_ kind: NotifyTarget.Kind) throws {
    let context = SampleMessage.manyFailures(count: 300, machineCount: 10)
    let rendered = MessageRenderer.render(context, for: try Self.target(kind)) { Issue.record("fell back: \($0)") }
    #expect(rendered != MessageRenderer.minimal(context, for: try Self.target(kind)))
  }

  @Test func `an alert's minimal message says it needs attention and why`() throws {
    var context = SampleMessage.failed()
    context.kind = .alert
    context.verdict = Verdict(state: .hung, reason: "no progress for 2h", rule: .noProgress)
    let rendered = MessageRenderer.minimal(context, for: try Self.target(.mattermost))
    let json = try #require(try JSONSerialization.jsonObject(with: rendered.httpBody ?? Data()) as? [String: Any])
    #expect((json["text"] as? String)?.hasPrefix("NEEDS ATTENTION: HUNG") == true)
    #expect((json["text"] as? String)?.hasSuffix("no progress for 2h") == true)
  }
}

import Foundation
import Testing

@testable import FinishlineCore

/// Each channel's rendering of one failed sub-run, pinned byte for byte.
@Suite("Rendered messages")
struct MessageSnapshotTests {
  @Test func `the Mattermost payload of a failed group matches its snapshot`() throws {
    let payload = MessageRenderer.render(SampleMessage.failed(), for: try SampleMessage.target(.mattermost)) {
      Issue.record("render failed: \($0)")
    }
    try Snapshot.expect(String(decoding: payload.httpBody ?? Data(), as: UTF8.self), matches: "mattermost-failed.json")
  }

  @Test func `the Slack payload of a failed group matches its snapshot`() throws {
    let payload = MessageRenderer.render(SampleMessage.failed(), for: try SampleMessage.target(.slack)) {
      Issue.record("render failed: \($0)")
    }
    try Snapshot.expect(String(decoding: payload.httpBody ?? Data(), as: UTF8.self), matches: "slack-failed.json")
  }

  /// The file holds the subject, a blank line, then the body.
  @Test func `the email of a failed group matches its snapshot`() throws {
    let email = EmailMessage(SampleMessage.failed())
    try Snapshot.expect(email.subject + "\n\n" + email.body, matches: "email-failed.txt")
  }

  @Test func `the Mattermost text leads with state, build, group position and counts, then groups with advice`() throws
  {
    let payload = MattermostMessage.payload(SampleMessage.failed(), settings: SampleMessage.chat, maxChars: nil)
    let json = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
    let text = try #require(json["text"] as? String)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)

    #expect(lines.first == "#### :x: FAILED BUILD-42 — billing, group 2 of 3")
    #expect(text.contains("**5 of 30 tests failed on 2 of 5 machines** · took 12m5s"))
    #expect(text.contains("Tests: 24 passed · 5 failed · 1 pending · 0 skipped · Machines: 2 of 5 failed"))
    #expect(text.contains("[CI build](https://ci.example.com/job/e2e/42/)"))
    #expect(text.contains("Triggered by alice@example.com · cc @alice"))
    #expect(text.contains("**4 failures** on vm-02, vm-04 · tests: invoices.cy.js › "))
    #expect(text.contains(":bulb: Target VM was slow to boot"))
    #expect(text.contains(":bulb: The test user's password may have been rotated."))
    #expect(!text.contains("Only for passing runs"))
    #expect(!text.contains("not shown"))
    #expect(json["channel"] as? String == "qa-alerts")
    let attachment = try #require((json["attachments"] as? [[String: Any]])?.first)
    #expect(attachment["color"] as? String == StateStyle.color(.failed))
  }

  @Test func `the email subject names state, run, group and the headline`() {
    var context = SampleMessage.failed()
    #expect(EmailMessage(context).subject == "[FAILED] BUILD-42 billing: 5 of 30 tests failed on 2 of 5 machines")

    context.group = nil
    context.scope = "BUILD-42"
    #expect(EmailMessage(context).subject == "[FAILED] BUILD-42: 5 of 30 tests failed on 2 of 5 machines")

    context.snapshot.machines = context.snapshot.machines.map {
      SampleMessage.machine($0.name, passed: 6, durationMs: $0.durationMs)
    }
    context.verdict.state = .completed
    #expect(EmailMessage(context).subject == "[COMPLETED] BUILD-42: 30 of 30 tests passed on 5 machines")
  }

  @Test func `a plain run's header has no group, and a run without stated run times shows no duration`() throws {
    var context = SampleMessage.failed()
    context.group = nil
    context.groupPosition = nil
    context.scope = "BUILD-42"
    context.snapshot.machines = context.snapshot.machines.map {
      var machine = $0
      machine.durationMs = nil
      return machine
    }
    let text = MattermostMessage.text(MessageContent(context), limit: MattermostMessage.defaultMaxChars)

    #expect(text.hasPrefix("#### :x: FAILED BUILD-42\n**5 of 30 tests failed on 2 of 5 machines**\n"))
    #expect(!text.contains("took"))
  }
}

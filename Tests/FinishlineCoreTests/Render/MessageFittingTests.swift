import Foundation
import Testing

@testable import FinishlineCore

@Suite("Fitting messages to channel limits")
struct MessageFittingTests {
  struct CutCase: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var limit: Int
    var expected: MessageCut
  }

  /// A message whose size is a sum of its parts: 4 groups of 10, advice 3 a group, spec lists
  /// 2 a group, machine rows 5 each (2 of the 5 rows are failed machines); 85 in all.
  static func size(_ cut: MessageCut) -> Int {
    10 * cut.failureGroups + 3 * min(cut.adviceGroups, cut.failureGroups) + (cut.showsTests ? 2 * cut.failureGroups : 0)
      + 5 * cut.machineRows
  }

  @Test(arguments: [
    CutCase(
      testDescription: "a message within the limit is whole", limit: 85,
      expected: MessageCut(adviceGroups: 4, showsTests: true, machineRows: 5, failureGroups: 4)),
    CutCase(
      testDescription: "advice beyond the first group goes first, and comes back as far as it fits", limit: 80,
      expected: MessageCut(adviceGroups: 2, showsTests: true, machineRows: 5, failureGroups: 4)),
    CutCase(
      testDescription: "then the spec lists", limit: 70,
      expected: MessageCut(adviceGroups: 1, showsTests: false, machineRows: 5, failureGroups: 4)),
    CutCase(
      testDescription: "then rows of machines that did not fail", limit: 55,
      expected: MessageCut(adviceGroups: 1, showsTests: false, machineRows: 2, failureGroups: 4)),
    CutCase(
      testDescription: "then the smallest failure groups, and rows come back into the room left", limit: 40,
      expected: MessageCut(adviceGroups: 1, showsTests: false, machineRows: 3, failureGroups: 2)),
    CutCase(
      testDescription: "rows of failed machines go last (spec lists of no groups cost nothing)", limit: 8,
      expected: MessageCut(adviceGroups: 1, showsTests: true, machineRows: 1, failureGroups: 0)),
  ])
  func `drop order`(_ example: CutCase) {
    let full = MessageCut(adviceGroups: 4, showsTests: true, machineRows: 5, failureGroups: 4)

    let fitted = MessageCut.fit(full, failedMachines: 2, render: { $0 }, fits: { Self.size($0) <= example.limit })

    #expect(fitted == example.expected)
  }

  @Test func `3,000 distinct failures on 60 machines fit one Mattermost post that says what was left out`() throws {
    let context = SampleMessage.manyFailures(count: 3_000, machineCount: 60)
    let payload = MattermostMessage.payload(context, settings: SampleMessage.chat, maxChars: nil)
    let json = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
    let text = try #require(json["text"] as? String)

    #expect(text.unicodeScalars.count <= MattermostMessage.defaultMaxChars)
    let shown = text.components(separatedBy: "**1 failure** on").count - 1
    let advised = text.components(separatedBy: ":bulb:").count - 1
    #expect(shown > 10)
    #expect(advised >= 1)
    #expect(
      text.hasSuffix(
        "… \((3_000 - shown).groupedDigits) more failure groups, 40 machines, advice for \(shown - advised) groups"
          + " and test lists not shown"))
    #expect(text.contains("… and 40 more machines"))
  }

  @Test func `a smaller max_chars keeps the Mattermost text within it`() throws {
    let context = SampleMessage.manyFailures(count: 3_000, machineCount: 60)
    let text = MattermostMessage.text(MessageContent(context), limit: 4_000)

    #expect(text.unicodeScalars.count <= 4_000)
    #expect(text.contains("more failure groups"))
  }

  @Test func `3,000 distinct failures on 60 machines fit Slack's block and text limits`() throws {
    let context = SampleMessage.manyFailures(count: 3_000, machineCount: 60)
    let payload = SlackMessage.payload(context, settings: SampleMessage.chat)
    let json = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
    let blocks = try #require(json["blocks"] as? [[String: Any]])

    #expect(blocks.count <= 50)
    for block in blocks {
      switch block["type"] as? String {
      case "header":
        let text = try #require((block["text"] as? [String: Any])?["text"] as? String)
        #expect(text.utf16.count <= 150)
      case "section":
        let text = try #require((block["text"] as? [String: Any])?["text"] as? String)
        #expect(text.utf16.count <= 3_000)
      case "context":
        let elements = try #require(block["elements"] as? [[String: Any]])
        #expect(elements.allSatisfy { ($0["text"] as? String).map { $0.utf16.count <= 3_000 } ?? false })
      default:
        Issue.record("unexpected block \(block)")
      }
    }
    // Blocks, not text, are what run out: 45 groups fit, and they keep their spec lists and advice.
    #expect(blocks.count == 50)
    let last = try #require((blocks.last?["elements"] as? [[String: Any]])?.first?["text"] as? String)
    #expect(last == "… 2,955 more failure groups and 40 machines not shown")
  }

  @Test func `3,000 distinct failures on 60 machines give a one-line email subject and a bounded body`() {
    let email = EmailMessage(SampleMessage.manyFailures(count: 3_000, machineCount: 60))

    #expect(!email.subject.contains { $0.isNewline })
    #expect(email.subject == "[FAILED] BUILD-7: 3,000 of 9,000 tests failed on 60 of 60 machines")
    #expect(email.body.unicodeScalars.count <= EmailMessage.defaultMaxChars)
    #expect(email.body.contains("more failure groups, 40 machines"))
    #expect(email.body.hasSuffix("not shown"))
  }

  @Test func `a run with few failures keeps every group, machine and advice line`() throws {
    let text = MattermostMessage.text(MessageContent(SampleMessage.failed()), limit: MattermostMessage.defaultMaxChars)

    #expect(!text.contains("not shown"))
    #expect(text.components(separatedBy: ":bulb:").count - 1 == 2)
    #expect(text.components(separatedBy: "\n| vm-").count - 1 == 5)
  }

  @Test(arguments: [10, 300, 16_383])
  func `rendering never fails, however odd the input`(_ limit: Int) throws {
    var context = SampleMessage.failed()
    context.scope = String(repeating: "B", count: 400)
    context.group = "line\nbreak\r\n"
    context.fields = [
      .init(name: "Huge", value: String(repeating: "x", count: 40_000)), .init(name: "Ctl", value: "\u{1}\u{7f}"),
    ]
    context.links = [.init(label: "a ] label", url: "https://h/p (1)")]
    context.snapshot.machines[1].name = "vm|02"
    context.snapshot.machines[1].failures[0].message = "```\nfence\n``````" + String(repeating: "é", count: 5_000)
    context.snapshot.machines[3].failures[0].message = ""
    context.triggeredBy = "<script>&"
    for kind in [NotifyTarget.Kind.mattermost, .slack] {
      let target = try SampleMessage.target(kind, maxChars: limit)
      let payload = try #require(
        MessageRenderer.render(context, for: target) { Issue.record("render failed: \($0)") }.httpBody)
      let json = try #require(try JSONSerialization.jsonObject(with: payload) as? [String: Any])
      if kind == .mattermost {
        #expect(((json["text"] as? String)?.unicodeScalars.count ?? .max) <= limit)
      } else {
        #expect(((json["blocks"] as? [Any])?.count ?? .max) <= 50)
      }
    }
    let email = EmailMessage(context, maxChars: limit)
    #expect(!email.subject.contains { $0.isNewline })
    #expect(!email.subject.unicodeScalars.contains { $0.value < 0x20 })
    #expect(email.subject.unicodeScalars.count <= 200)
    #expect(email.body.unicodeScalars.count <= limit)
  }

  @Test func `an empty run renders without machines or failures`() throws {
    var context = SampleMessage.failed()
    context.snapshot.machines = []
    let text = MattermostMessage.text(MessageContent(context), limit: 16_383)

    #expect(!text.contains("| Machine |"))
    #expect(!text.contains("**Failures**"))
  }

  @Test(arguments: [(0, "0"), (999, "999"), (2_980, "2,980"), (1_234_567, "1,234,567"), (-4_000, "-4,000")])
  func `counts are written with thousands separators`(_ number: Int, _ text: String) {
    #expect(number.groupedDigits == text)
  }
}

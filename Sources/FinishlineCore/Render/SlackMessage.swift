public import FoundationEssentials

/// Renders a scope's final status as a Slack incoming-webhook payload in Block Kit:
/// `{"text": fallback, "blocks": [...], "attachments": [colour bar]}`.
///
/// The content is in top-level blocks, which Slack always shows in full. A secondary
/// attachment carries only the state's colour bar and the verdict's reason, as in Mattermost:
/// Slack may fold attachment content behind "Show more", which the failures must never be.
public enum SlackMessage {
  /// Slack refuses a message with more blocks than this.
  static let blockLimit = 50

  public static func payload(_ context: MessageContext, settings: ChatSettings) -> Data {
    let content = MessageContent(context)
    let fitted: [SlackBlock] = MessageCut.fit(
      content.fullCut, failedMachines: content.failedMachineCount, render: { blocks(content, $0) },
      fits: { $0.count <= blockLimit && $0.allSatisfy(\.fits) })
    var body = ChatPayload.addressing(settings)
    body.append(.init("text", .string(escape("\(content.title): \(context.headline)"))))
    // Only a header or context too long on its own is still over its limit here: cut, not lost.
    body.append(.init("blocks", .array(fitted.map(\.clipped.json))))
    let reason = SlackBlock.section(escape(context.verdict.reason)).clipped.text
    body.append(ChatPayload.attachment(content.state, fallback: content.title, text: reason))
    return Data(JSONValue.object(body).text.utf8)
  }

  static func blocks(_ content: MessageContent, _ cut: MessageCut) -> [SlackBlock] {
    let context = content.context
    var blocks: [SlackBlock] = [.header("\(StateStyle.emoji(content.state)) \(content.title)")]
    blocks.append(
      .section(
        "*\(escape(context.headline))*" + (content.duration.map { " · took \($0)" } ?? "")
          + (content.historyLine.map { "\n\(escape($0))" } ?? "") + "\nTests: "
          + content.testCounts.joined(separator: " · ")
          + (content.machineSummary.map { " · Machines: \($0)" } ?? "")
          + content.noticeLines.map { "\n\(escape($0))" }.joined()))

    var about: [String] = []
    if !context.links.isEmpty {
      about.append(context.links.map { "<\(escape($0.url))|\(escape($0.label))>" }.joined(separator: " · "))
    }
    if !context.fields.isEmpty {
      let fields = context.fields.map { "*\(escape($0.name)):* \(escape($0.value))" }
      about.append(fields.joined(separator: " · "))
    }
    // The mention is used as configured: Slack pings only `<@U024BE7LH>`, which escaping breaks.
    let people = [
      context.triggeredBy.map { "Triggered by \(escape($0))" }, context.mention.map { "cc \($0)" },
    ].compactMap { $0 }
    if !people.isEmpty { about.append(people.joined(separator: " · ")) }
    if !about.isEmpty { blocks.append(.context(about.joined(separator: "\n"))) }

    if cut.machineRows > 0 {
      let rows = content.machineTable(rows: cut.machineRows).joined(separator: "\n")
      var table = "```\n" + escape(rows) + "\n```"
      if let more = content.moreMachines(rows: cut.machineRows) { table += "\n" + more }
      blocks.append(.section(table))
    }

    if cut.failureGroups > 0 {
      blocks.append(.section("*Failures* · \(content.groups.count.counted("group"))"))
    }
    for (index, group) in content.groups.prefix(cut.failureGroups).enumerated() {
      var text =
        "*\(content.failureCount(of: group))*\(escape(content.machinePlace(of: group)))"
        + escape(content.historyTag(of: group)) + content.ownersTag(of: group, channel: .slack, escape: escape)
      if let tests = content.testList(of: group, in: cut) { text += " · tests: \(escape(tests))" }
      // Slack code blocks cannot be fenced longer, so a ``` inside would end the block.
      let example = escape(content.example(of: group)).replacing("```", with: "'''")
      text += "\n```\n\(example)\n```"
      for advice in content.advice(at: index, in: cut) { text += "\n:bulb: \(escape(advice))" }
      blocks.append(.section(text))
    }

    if let omissions = content.omissions(in: cut) { blocks.append(.context(omissions)) }
    return blocks
  }

  /// Slack reads `&`, `<` and `>` as markup in every text, code blocks included.
  static func escape(_ text: String) -> String {
    text.replacing("&", with: "&amp;").replacing("<", with: "&lt;").replacing(">", with: "&gt;")
  }
}

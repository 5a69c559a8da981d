public import FoundationEssentials

/// Renders a scope's final status as a Mattermost incoming-webhook payload: markdown text, and
/// an attachment coloured by state that carries the verdict's reason.
public enum MattermostMessage {
  /// Mattermost splits longer webhook text into several posts, which would break "one post".
  public static let defaultMaxChars = 16_383
  /// The reason is one line of evidence; a runaway one must not make the post too large.
  static let reasonLimit = 2_000

  /// - Parameter maxChars: the target's `max_chars`, the server's limit when it is not ours.
  public static func payload(_ context: MessageContext, settings: ChatSettings, maxChars: Int?) -> Data {
    let content = MessageContent(context)
    var body = ChatPayload.addressing(settings)
    body.append(.init("text", .string(text(content, limit: maxChars ?? defaultMaxChars))))
    body.append(
      ChatPayload.attachment(
        content.state, fallback: content.title, text: MessageContent.clip(context.verdict.reason, to: reasonLimit)))
    return Data(JSONValue.object(body).text.utf8)
  }

  /// The post's text within `limit` Unicode scalars (the server counts scalars), least
  /// important parts dropped first (see `MessageCut`).
  static func text(_ content: MessageContent, limit: Int) -> String {
    let text = MessageCut.fit(
      content.fullCut, failedMachines: content.failedMachineCount, render: { markdown(content, $0) },
      fits: { $0.unicodeScalars.count <= limit })
    return shorten(text, limit: limit)
  }

  static func markdown(_ content: MessageContent, _ cut: MessageCut) -> String {
    let context = content.context
    var lines = ["#### \(StateStyle.emoji(content.state)) \(content.title)"]
    lines.append("**\(context.headline)**" + (content.duration.map { " · took \($0)" } ?? ""))
    if let history = content.historyLine { lines.append(history) }
    lines.append(
      "Tests: " + content.testCounts.joined(separator: " · ")
        + (content.machineSummary.map { " · Machines: \($0)" } ?? ""))
    lines += content.noticeLines
    if !context.links.isEmpty {
      lines.append(context.links.map { link(label: $0.label, url: $0.url) }.joined(separator: " · "))
    }
    if !context.fields.isEmpty {
      lines.append(context.fields.map { "**\($0.name):** \($0.value)" }.joined(separator: " · "))
    }
    let people = [context.triggeredBy.map { "Triggered by \($0)" }, context.mention.map { "cc \($0)" }]
      .compactMap { $0 }
    if !people.isEmpty { lines.append(people.joined(separator: " · ")) }

    if cut.machineRows > 0 {
      lines += ["", row(MessageContent.machineColumns), "|:--|:--|--:|--:|--:|--:|"]
      lines += content.machines.prefix(cut.machineRows).map { row(content.cells(of: $0)) }
      // After a blank line: a line right under a table would become one of its rows.
      if let more = content.moreMachines(rows: cut.machineRows) { lines += ["", more] }
    }

    if cut.failureGroups > 0 {
      lines += ["", "**Failures** · \(content.groups.count.counted("group"))"]
    }
    for (index, group) in content.groups.prefix(cut.failureGroups).enumerated() {
      var about =
        "**\(content.failureCount(of: group))**\(content.machinePlace(of: group))\(content.historyTag(of: group))"
        + content.ownersTag(of: group, channel: .mattermost)
      if let tests = content.testList(of: group, in: cut) { about += " · tests: \(tests)" }
      let example = content.example(of: group)
      let fence = String(repeating: "`", count: max(3, longestBacktickRun(in: example) + 1))
      lines += ["", about, fence, example, fence]
      lines += content.advice(at: index, in: cut).map { ":bulb: \($0)" }
    }

    if let omissions = content.omissions(in: cut) { lines += ["", omissions] }
    return lines.joined(separator: "\n")
  }

  /// The last resort when even the barest message is too long (huge context fields): cut the
  /// text and say so, rather than lose the post.
  static func shorten(_ text: String, limit: Int) -> String {
    guard text.unicodeScalars.count > limit else { return text }
    let note = "\n… message shortened to fit \(limit.groupedDigits) characters"
    var kept = String.UnicodeScalarView()
    kept.append(contentsOf: text.unicodeScalars.prefix(max(0, limit - note.unicodeScalars.count)))
    return MessageContent.clip(String(kept) + note, to: limit)
  }

  /// A markdown link whose label and address cannot end the link early.
  static func link(label: String, url: String) -> String {
    let label = label.replacing("[", with: "\\[").replacing("]", with: "\\]")
    let url = url.replacing(" ", with: "%20").replacing(")", with: "%29")
    return "[\(label)](\(url))"
  }

  /// A table row; a `|` or a line break in a machine name would break the table.
  static func row(_ cells: [String]) -> String {
    let escaped = cells.map { $0.replacing("|", with: "\\|").replacing("\n", with: " ") }
    return "| " + escaped.joined(separator: " | ") + " |"
  }

  /// A code block's fence must be longer than any run of backticks inside it.
  static func longestBacktickRun(in text: String) -> Int {
    var longest = 0
    var current = 0
    for scalar in text.unicodeScalars {
      current = scalar == "`" ? current + 1 : 0
      longest = max(longest, current)
    }
    return longest
  }
}

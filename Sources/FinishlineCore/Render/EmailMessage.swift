/// A scope's final status as a plain-text email: a subject that tells the outcome in the inbox
/// list, and a body with the same sections as the chat messages.
///
/// Only the text; the SMTP framing (headers, line endings, dot-stuffing) belongs to delivery.
public struct EmailMessage: Sendable, Equatable {
  /// Body length in Unicode scalars: room for every failure group a person reads, while a run
  /// with thousands of failures does not mail a megabyte.
  public static let defaultMaxChars = 50_000
  /// Mail clients show about this much of a subject, and some servers refuse much longer lines.
  static let subjectLimit = 200

  /// One line: `[FAILED] BUILD-42 billing: 3 of 120 tests failed on 2 of 5 machines`.
  public var subject: String
  /// Lines separated by `\n`.
  public var body: String

  public init(_ context: MessageContext, maxChars: Int = EmailMessage.defaultMaxChars) {
    let content = MessageContent(context)
    // An alert's subject says what needs attention and why, not a test tally.
    let summary = context.kind == .alert ? context.verdict.reason : context.headline
    let tag = context.kind == .alert ? "NEEDS ATTENTION: \(content.state)" : "\(content.state)"
    subject = Self.oneLine("[\(tag)] \(content.name): \(summary)", limit: Self.subjectLimit)
    let body = MessageCut.fit(
      content.fullCut, failedMachines: content.failedMachineCount, render: { Self.body(content, $0) },
      fits: { $0.unicodeScalars.count <= maxChars })
    self.body = MessageContent.clip(body, to: maxChars)
  }

  var rendered: RenderedMessage { .mail(subject: subject, body: body) }

  static func body(_ content: MessageContent, _ cut: MessageCut) -> String {
    let context = content.context
    var lines = [content.title, context.headline] + (content.historyLine.map { [$0] } ?? []) + [""]
    if let duration = content.duration { lines.append("Duration: \(duration)") }
    lines.append("Tests: " + content.testCounts.joined(separator: ", "))
    if let machines = content.machineSummary { lines.append("Machines: \(machines)") }
    lines += content.noticeLines
    lines += context.links.map { "\($0.label): \($0.url)" }
    lines += context.fields.map { "\($0.name): \($0.value)" }
    if let triggeredBy = context.triggeredBy { lines.append("Triggered by: \(triggeredBy)") }
    if let mention = context.mention { lines.append("cc \(mention)") }

    if cut.machineRows > 0 {
      lines += ["", "Machines"]
      lines += content.machineTable(rows: cut.machineRows).map { "  " + $0 }
      if let more = content.moreMachines(rows: cut.machineRows) { lines.append("  " + more) }
    }

    if cut.failureGroups > 0 {
      lines += ["", "Failures (\(content.groups.count.counted("group")))"]
    }
    for (index, group) in content.groups.prefix(cut.failureGroups).enumerated() {
      lines += [
        "",
        "\(index + 1). \(content.failureCount(of: group))\(content.machinePlace(of: group))"
          + content.historyTag(of: group) + content.ownersTag(of: group, channel: .email),
      ]
      if let tests = content.testList(of: group, in: cut) { lines.append("   Tests: \(tests)") }
      let example = content.example(of: group).split(separator: "\n", omittingEmptySubsequences: false)
      lines += example.map { "   \($0)" }
      lines += content.advice(at: index, in: cut).map { "   Advice: \($0)" }
    }

    if let omissions = content.omissions(in: cut) { lines += ["", omissions] }
    return lines.joined(separator: "\n")
  }

  /// `text` on one line: a line break in a header would start a new header (or a body).
  static func oneLine(_ text: String, limit: Int) -> String {
    let words = text.split(whereSeparator: {
      $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7f }
    })
    return MessageContent.clip(words.joined(separator: " "), to: limit)
  }
}

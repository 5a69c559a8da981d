public import FoundationEssentials

/// Renders a scope's final status as a Mattermost incoming-webhook payload.
public enum MattermostMessage {
  /// Mattermost splits longer webhook text into several posts, which would break "one post".
  public static let defaultMaxChars = 16_383
  /// Failures listed before "… and N more".
  static let failureLimit = 10
  /// Machine rows listed before "… and N more".
  static let machineLimit = 20

  public static func payload(_ context: MessageContext, target: NotifyTarget) -> Data {
    let text = fit(markdown(context), limit: target.maxChars ?? defaultMaxChars)
    var body: [JSONValue.Member] = []
    if let channel = target.channel { body.append(.init("channel", .string(channel))) }
    if let username = target.username { body.append(.init("username", .string(username))) }
    body.append(.init("text", .string(text)))
    body.append(
      .init(
        "attachments",
        .array([
          .object([
            .init("color", .string(StateStyle.color(context.verdict.state))),
            .init("fallback", .string(title(context))), .init("text", .string(context.verdict.reason)),
          ])
        ])))
    return Data(JSONValue.object(body).text.utf8)
  }

  static func title(_ context: MessageContext) -> String {
    var title = "\(context.verdict.state) \(context.scope)"
    if let group = context.group {
      title += " — \(group)"
      if let position = context.groupPosition { title += ", group \(position.index) of \(position.count)" }
    }
    return title
  }

  static func markdown(_ context: MessageContext) -> String {
    let counts = context.snapshot.counts
    var lines = [
      "#### \(StateStyle.emoji(context.verdict.state)) \(title(context))",
      "**\(context.headline)** · \(counts.passed) passed · \(counts.failed) failed ·"
        + " \(counts.pending) pending · \(counts.skipped) skipped",
    ]
    for link in context.links { lines.append("[\(link.label)](\(link.url))") }
    for field in context.fields { lines.append("**\(field.name):** \(field.value)") }
    let machines = context.snapshot.machines.sorted { ($0.failed ? 0 : 1, $0.name) < ($1.failed ? 0 : 1, $1.name) }
    if !machines.isEmpty {
      lines.append("")
      lines.append("| Machine | Status | Passed | Failed | Pending |")
      lines.append("|:--|:--|--:|--:|--:|")
      for machine in machines.prefix(machineLimit) {
        let status = machine.failed ? "FAILED" : (machine.status?.status.rawValue ?? "PASSED")
        lines.append(
          "| \(machine.name) | \(status) | \(machine.counts.passed) | \(machine.counts.failed)"
            + " | \(machine.counts.pending) |")
      }
      if machines.count > machineLimit { lines.append("… and \(machines.count - machineLimit) more machines") }
    }
    let failures = context.snapshot.failures
    if !failures.isEmpty {
      lines.append("")
      lines.append("**Failures**")
      for failure in failures.prefix(failureLimit) {
        lines.append("- `\(failure.machine)` \(failure.title): \(firstLine(failure.message))")
      }
      if failures.count > failureLimit { lines.append("… and \(failures.count - failureLimit) more failures") }
    }
    return lines.joined(separator: "\n")
  }

  /// Keeps a post within the server's limit, saying that something was cut.
  /// Counted in Unicode scalars, as the server counts them.
  static func fit(_ text: String, limit: Int) -> String {
    guard text.unicodeScalars.count > limit else { return text }
    let note = "\n… message shortened to fit \(limit) characters"
    var kept = String.UnicodeScalarView()
    kept.append(contentsOf: text.unicodeScalars.prefix(max(0, limit - note.unicodeScalars.count)))
    return String(kept) + note
  }

  static func firstLine(_ text: String) -> String {
    String(text.split(separator: "\n", maxSplits: 1).first ?? "")
  }
}

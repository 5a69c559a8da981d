/// One Block Kit block of a Slack message, with the size limit Slack enforces on its text.
///
/// Slack refuses a message whose text exceeds a limit rather than cutting it, so every block
/// knows its limit and the message is fitted before it is sent.
enum SlackBlock: Equatable {
  /// Large bold plain text; at most 150 characters.
  case header(String)
  /// `mrkdwn` text; at most 3,000 characters.
  case section(String)
  /// Small grey `mrkdwn` text; one element, at most 3,000 characters.
  case context(String)

  var text: String {
    switch self {
    case .header(let text), .section(let text), .context(let text): text
    }
  }

  var limit: Int {
    switch self {
    case .header: 150
    case .section, .context: 3_000
    }
  }

  /// Slack counts characters as JavaScript does (UTF-16 code units), which is never fewer than
  /// Unicode scalars, so this is the safe count.
  var fits: Bool { text.utf16.count <= limit }

  /// The block with its text cut to the limit, ending in "…".
  var clipped: SlackBlock {
    guard !fits else { return self }
    var kept = String.UnicodeScalarView()
    var length = 1  // the "…"
    for scalar in text.unicodeScalars {
      length += UTF16.width(scalar)
      if length > limit { break }
      kept.append(scalar)
    }
    let text = String(kept) + "…"
    switch self {
    case .header: return .header(text)
    case .section: return .section(text)
    case .context: return .context(text)
    }
  }

  var json: JSONValue {
    switch self {
    case .header(let text):
      .object([
        .init("type", .string("header")),
        .init(
          "text",
          .object([
            .init("type", .string("plain_text")), .init("text", .string(text)), .init("emoji", .bool(true)),
          ])),
      ])
    case .section(let text):
      .object([
        .init("type", .string("section")),
        .init("text", .object([.init("type", .string("mrkdwn")), .init("text", .string(text))])),
      ])
    case .context(let text):
      .object([
        .init("type", .string("context")),
        .init(
          "elements", .array([.object([.init("type", .string("mrkdwn")), .init("text", .string(text))])])),
      ])
    }
  }
}

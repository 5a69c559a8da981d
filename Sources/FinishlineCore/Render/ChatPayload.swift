/// What Mattermost and Slack incoming webhooks share: the target's channel and user name
/// overrides, and the coloured attachment that carries the state's colour and the reason.
enum ChatPayload {
  /// `channel` and `username`, when the target sets them; the webhook's own defaults otherwise.
  static func addressing(_ settings: ChatSettings) -> [JSONValue.Member] {
    var members: [JSONValue.Member] = []
    if let channel = settings.channel { members.append(.init("channel", .string(channel))) }
    if let username = settings.username { members.append(.init("username", .string(username))) }
    return members
  }

  /// The one attachment: a bar in the state's colour, `fallback` for notifications, `text`.
  static func attachment(_ state: RunState, fallback: String, text: String) -> JSONValue.Member {
    .init(
      "attachments",
      .array([
        .object([
          .init("color", .string(StateStyle.color(state))), .init("fallback", .string(fallback)),
          .init("text", .string(text)),
        ])
      ]))
  }
}

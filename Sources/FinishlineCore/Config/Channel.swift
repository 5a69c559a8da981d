/// Where a target delivers, with the settings only that channel has: an email target cannot
/// lack its sender and recipients, and a webhook has no chat channel or token to carry.
public enum Channel: Sendable, Equatable {
  case mattermost(ChatSettings)
  case slack(ChatSettings)
  /// A generic JSON webhook (SPEC §5); it carries an idempotency key and nothing else.
  case webhook
  case email(EmailSettings)

  /// The channel's name in `type`, metrics labels and `--json`.
  public var kind: NotifyTarget.Kind {
    switch self {
    case .mattermost: .mattermost
    case .slack: .slack
    case .webhook: .webhook
    case .email: .email
    }
  }

  /// A channel of `kind` with no settings of its own (an alert subscription's webhook), `nil`
  /// for email, which cannot be without its sender and recipients.
  public static func unset(_ kind: NotifyTarget.Kind) -> Channel? {
    switch kind {
    case .mattermost: .mattermost(ChatSettings())
    case .slack: .slack(ChatSettings())
    case .webhook: .webhook
    case .email: nil
    }
  }

  /// The settings of a chat channel, `nil` for a webhook or email target.
  public var chat: ChatSettings? {
    switch self {
    case .mattermost(let settings), .slack(let settings): settings
    case .webhook, .email: nil
    }
  }

  /// The settings of an email target.
  public var email: EmailSettings? {
    if case .email(let settings) = self { settings } else { nil }
  }

  /// Strings of these settings that must never be shown.
  public var secrets: [String] {
    [chat?.token, email?.password].compactMap { $0 }
  }
}

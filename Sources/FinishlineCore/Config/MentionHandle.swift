/// One person's chat handle in `[mentions]`: the same everywhere (`"@alice"`), or per channel
/// (`{ mattermost = "@bob", slack = "<@U024BE7LH>" }`), since Slack pings only by member id.
public struct MentionHandle: Sendable, Equatable, ExpressibleByStringLiteral {
  /// The handle for every channel without one of its own.
  public var everywhere: String?
  /// Handles by notify type (`mattermost`, `slack`).
  public var channels: [NotifyTarget.Kind: String]

  public init(everywhere: String? = nil, channels: [NotifyTarget.Kind: String] = [:]) {
    self.everywhere = everywhere
    self.channels = channels
  }

  public init(stringLiteral value: String) {
    self.init(everywhere: value)
  }

  /// The handle for `channel`, or the one for every channel; `nil` when there is neither.
  public func handle(for channel: NotifyTarget.Kind?) -> String? {
    channel.flatMap { channels[$0] } ?? everywhere
  }

  /// The handle as a chat mention: one written without `@` gets one, so `alice` and `@alice`
  /// both work; one that starts with `<` (Slack's `<@U024BE7LH>`) is used as written.
  public func mention(for channel: NotifyTarget.Kind?) -> String? {
    guard let handle = handle(for: channel)?.trimmingWhitespace.nonBlank else { return nil }
    return handle.hasPrefix("@") || handle.hasPrefix("<") ? handle : "@" + handle
  }
}
